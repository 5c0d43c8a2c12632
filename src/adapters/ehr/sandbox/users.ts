// The sandbox's demo users: who can sign in at the login form, the Practitioner each is (`fhirUser`), and the
// Klivira role the ID token's `klivira_role` claim gives them (the web app's demo sign-in).
// Demo credentials for a local sandbox, documented in the README; not secrets.
import type { Practitioner } from '@medplum/fhirtypes';

export interface DemoUser {
  username: string;
  password: string;
  name: { given: string; family: string };
  /** Id of the user's Practitioner in the sandbox's FHIR data. */
  practitionerId: string;
  /** Klivira's role for this user, issued as the `klivira_role` claim (scope `profile`). */
  kliviraRole: 'coordinator' | 'clinician';
}

export const DEMO_USERS: readonly DemoUser[] = [
  {
    username: 'coordinator',
    password: 'coordinator-demo',
    name: { given: 'Casey', family: 'Coordinator' },
    practitionerId: 'sandbox-coordinator',
    kliviraRole: 'coordinator',
  },
  {
    username: 'clinician',
    password: 'clinician-demo',
    name: { given: 'Morgan', family: 'Clinician' },
    practitionerId: 'sandbox-clinician',
    kliviraRole: 'clinician',
  },
];

export function findUser(username: string): DemoUser | undefined {
  return DEMO_USERS.find((u) => u.username === username);
}

export function practitionerOf(user: DemoUser): Practitioner {
  return {
    resourceType: 'Practitioner',
    id: user.practitionerId,
    active: true,
    name: [{ family: user.name.family, given: [user.name.given] }],
  };
}
