import type { ContactDetails, People, Role } from '../../shared/index';

/**
 * Who sees a person's e-mail and phone (see shared/schemas/people.ts): the association's admins and editors always;
 * its company contacts only for people who share them with members; the umbrella's people only while the
 * association shares its register with the umbrella. The route's access policy decides who reads at all.
 */
export function contactDetailsFor(role: Role, registerShared: boolean): ContactDetails {
  switch (role) {
    case 'association_admin':
    case 'association_editor':
      return 'all';
    case 'company_contact':
      return 'shared_with_members';
    case 'umbrella_admin':
    case 'umbrella_staff':
      return registerShared ? 'all' : 'none';
    default:
      return 'none';
  }
}

type Reachable = { email?: string; phone?: string; contactVisibleToMembers: boolean };

function strip<T extends Reachable>(person: T, rule: ContactDetails): T {
  if (rule === 'all' || (rule === 'shared_with_members' && person.contactVisibleToMembers)) return person;
  const { email: _email, phone: _phone, ...rest } = person;
  return rest as T;
}

export function withContactDetails(people: Omit<People, 'contactDetails'>, rule: ContactDetails): People {
  return {
    boardMembers: people.boardMembers.map((member) => strip(member, rule)),
    parkManagers: people.parkManagers.map((manager) => strip(manager, rule)),
    workingGroups: people.workingGroups.map((group) => ({ ...group, members: group.members.map((member) => strip(member, rule)) })),
    contactDetails: rule,
  };
}
