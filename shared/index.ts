export * from './ids';
export * from './enterprise-number';
export * from './text';
export * from './messages';
export * from './schemas/common';
export * from './schemas/organisations';
export * from './schemas/companies';
export * from './schemas/identity';
