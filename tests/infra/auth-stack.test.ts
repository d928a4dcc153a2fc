import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { AuthStack } from '../../infra/stacks/auth-stack';
import { cleanUp, tempDir } from './synth';

type Resource = { Properties: any; DeletionPolicy?: string; UpdateReplacePolicy?: string };

const authTemplate = (stage: string, context: Record<string, unknown> = {}) =>
  Template.fromStack(new AuthStack(new App({ outdir: tempDir(), context }), `Parkpunt-${stage}-Auth`, { stage }));

const only = (template: Template, type: string) => {
  const resources = Object.values(template.findResources(type)) as Resource[];
  expect(resources, type).toHaveLength(1);
  return resources[0]!;
};

afterAll(cleanUp);

describe('auth stack', () => {
  const dev = authTemplate('dev');
  const pool = only(dev, 'AWS::Cognito::UserPool').Properties;

  it('has no custom attributes: nothing in Cognito can grant a tenant or a role', () => {
    expect(pool.Schema).toEqual([
      { Name: 'email', Required: true, Mutable: true },
      { Name: 'name', Required: false, Mutable: true },
    ]);
    expect(JSON.stringify(dev.toJSON())).not.toMatch(/custom:|tenant|role/i);
  });

  it('lets nobody sign themselves up: people join by invitation', () => {
    expect(pool.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(pool.AdminCreateUserConfig.InviteMessageTemplate.EmailMessage).toMatch(/\{username\}.*\{####\}/);
  });

  it('signs in by email (case-insensitive), verified before an email change takes effect', () => {
    expect(pool.UsernameAttributes).toEqual(['email']);
    expect(pool.UsernameConfiguration).toEqual({ CaseSensitive: false });
    expect(pool.AutoVerifiedAttributes).toEqual(['email']);
    expect(pool.UserAttributeUpdateSettings).toEqual({ AttributesRequireVerificationBeforeUpdate: ['email'] });
    expect(pool.AccountRecoverySetting).toEqual({ RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] });
  });

  it('has a strong password policy and optional TOTP (no SMS)', () => {
    expect(pool.Policies.PasswordPolicy).toEqual({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
      TemporaryPasswordValidityDays: 7,
      PasswordHistorySize: 5,
    });
    expect(pool.MfaConfiguration).toBe('OPTIONAL');
    expect(pool.EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
  });

  it('is on the Plus plan with threat protection enforced and explicit risk responses', () => {
    expect(pool.UserPoolTier).toBe('PLUS');
    expect(pool.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
    const risk = only(dev, 'AWS::Cognito::UserPoolRiskConfigurationAttachment').Properties;
    expect(risk.ClientId).toBe('ALL');
    expect(risk.CompromisedCredentialsRiskConfiguration.Actions).toEqual({ EventAction: 'BLOCK' });
    expect(risk.AccountTakeoverRiskConfiguration.Actions.HighAction.EventAction).toBe('MFA_REQUIRED');
  });

  it('has no app client: the web stack owns it, bound to the CloudFront domain', () => {
    dev.resourceCountIs('AWS::Cognito::UserPoolClient', 0);
  });

  it('serves managed login (version 2) on a per-deployment domain prefix by default', () => {
    const domain = only(dev, 'AWS::Cognito::UserPoolDomain').Properties;
    expect(domain.ManagedLoginVersion).toBe(2);
    // parkpunt-<stage>-<first group of the stack id's UUID>: unique per deployment, stable across updates
    const uuid = { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] };
    expect(domain.Domain).toEqual({
      'Fn::Join': ['-', ['parkpunt-dev', { 'Fn::Select': [0, { 'Fn::Split': ['-', uuid] }] }]],
    });
  });

  it('takes the domain prefix from the cognitoDomainPrefix context value, and checks it', () => {
    const domain = only(authTemplate('prod', { cognitoDomainPrefix: 'parkpunt-eu' }), 'AWS::Cognito::UserPoolDomain');
    expect(domain.Properties.Domain).toBe('parkpunt-eu');
    expect(() => authTemplate('prod', { cognitoDomainPrefix: 'Parkpunt' })).toThrow(/cognitoDomainPrefix/);
    expect(() => authTemplate('prod', { cognitoDomainPrefix: 'parkpunt-cognito' })).toThrow(/cognitoDomainPrefix/);
  });

  it('dev: no deletion protection, deleted with the stack', () => {
    const resource = only(dev, 'AWS::Cognito::UserPool');
    expect(pool.DeletionProtection).toBe('INACTIVE');
    expect(resource.DeletionPolicy).toBe('Delete');
  });

  it('prod: deletion protection, retained with the stack', () => {
    const resource = only(authTemplate('prod'), 'AWS::Cognito::UserPool');
    expect(resource.Properties.DeletionProtection).toBe('ACTIVE');
    expect(resource.DeletionPolicy).toBe('Retain');
    expect(resource.UpdateReplacePolicy).toBe('Retain');
  });

  it('outputs the pool id and the login domain', () => {
    expect(Object.keys(dev.findOutputs('*')).sort()).toEqual(['LoginDomain', 'UserPoolId']);
  });
});
