import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { uuidv7 } from '../../shared/ids.js';
import { Organization } from './organization.js';

export const SAML_TEST_SIGN_IN_STATUSES = ['PENDING', 'SUCCEEDED', 'FAILED'] as const;
export type SamlTestSignInStatus = (typeof SAML_TEST_SIGN_IN_STATUSES)[number];

/**
 * A test sign-in of an organization's SAML connection (`startSamlTestSignIn`): the SP-initiated login
 * it starts is marked by a secret (only its SHA-256 is kept) carried in the login URL and the
 * RelayState, and linked to the AuthnRequest it sent; the ACS records here what arrived and what the
 * mappings made of it. Rows are deleted a day after they were created.
 */
@Entity({ tableName: 'saml_test_sign_ins' })
@Index({ name: 'saml_test_sign_ins_org_created_index', properties: ['organization', 'createdAt'] })
@Index({ name: 'saml_test_sign_ins_authn_request_index', properties: ['authnRequestId'] })
export class SamlTestSignIn {
  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @ManyToOne(() => Organization, { mapToPk: true, fieldName: 'organization_id', deleteRule: 'cascade', type: 'uuid' })
  organization!: string;

  @Property({ type: 'text' })
  @Unique({ name: 'saml_test_sign_ins_token_hash_unique' })
  tokenHash!: string;

  /** True: nothing is changed and no session is opened; false: the person is signed in as usual. */
  @Property({ type: 'boolean' })
  dryRun!: boolean;

  @Property({ type: 'text' })
  status: string = 'PENDING';

  /** The AuthnRequest the test's login sent (the latest, when the login URL was opened again). */
  @Property({ type: 'text', nullable: true })
  authnRequestId: string | null = null;

  @Property({ type: 'text', nullable: true })
  failureReason: string | null = null;

  @Property({ type: 'text', nullable: true })
  failureMessage: string | null = null;

  @Property({ type: 'text', nullable: true })
  nameId: string | null = null;

  @Property({ type: 'text', nullable: true })
  nameIdFormat: string | null = null;

  @Property({ type: 'text', nullable: true })
  issuer: string | null = null;

  @Property({ type: 'text', nullable: true })
  authnContextClassRef: string | null = null;

  /** Every attribute of the assertion: [{ name, values }], in the order received. */
  @Property({ type: 'json', nullable: true })
  attributes: Array<{ name: string; values: string[] }> | null = null;

  /** The group names the mappings produced. */
  @Property({ type: 'json', nullable: true })
  groups: string[] | null = null;

  /** What the mappings and policy made of it, as `previewProvisioning` answers. */
  @Property({ type: 'json', nullable: true })
  preview: Record<string, unknown> | null = null;

  /** The user signed in (not a dry run). */
  @Property({ type: 'uuid', nullable: true })
  userId: string | null = null;

  @Property({ type: 'text', nullable: true })
  createdBy: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** The test must be completed before this time (the login's AuthnRequest lives 30 minutes). */
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  completedAt: Date | null = null;
}
