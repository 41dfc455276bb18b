/**
 * The GraphQL operations the audit export runs in-process. Their result types are generated from these
 * strings and schema/schema.graphql (`npm run codegen`), like the SAML adapter's: a schema change that
 * breaks one fails codegen or the type check, not an export.
 */
import type { AuditExportPageQuery, AuditExportOrganizationQuery } from './operations.generated.js';

export type ExportPage = AuditExportPageQuery['events'];
export type ExportedEvent = ExportPage['nodes'][number];
export type ExportOrganization = AuditExportOrganizationQuery['organization'];

/** One page of the export: the `events` query, keyset-paged by sequence (oldest first). */
export const EXPORT_PAGE = /* GraphQL */ `
  query AuditExportPage($org: ID!, $filter: EventFilter, $first: Int!, $after: String) {
    events(organizationId: $org, filter: $filter, order: ASC, first: $first, after: $after) {
      nodes {
        sequence
        organizationId
        type
        actorType
        actorId
        actorLabel
        subjectType
        subjectId
        subjectLabel
        objectType
        objectId
        changes
        data
        requestId
        occurredAt
      }
      hasNextPage
      endCursor
    }
  }
`;

/** Whether the organization exists (for this caller), and how far retention has deleted its events. */
export const EXPORT_ORGANIZATION = /* GraphQL */ `
  query AuditExportOrganization($org: ID!) {
    organization(id: $org) {
      id
      eventsPrunedThroughSequence
    }
  }
`;
