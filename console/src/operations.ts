/**
 * Every GraphQL operation the console sends. `npm run codegen` types them from
 * schema/schema.graphql into ./gql (the client preset), so a schema change that breaks one fails
 * the console's type check.
 */
import { graphql } from './gql';

export const ViewerQuery = graphql(`
  query ConsoleViewer {
    viewer {
      kind
      organizationId
      credentialId
      label
      role
    }
  }
`);

export const OrganizationsQuery = graphql(`
  query ConsoleOrganizations($first: Int!, $after: ID) {
    organizations(first: $first, after: $after) {
      id
      name
      slug
      createdAt
    }
  }
`);

export const OrganizationQuery = graphql(`
  query ConsoleOrganization($id: ID!) {
    organization(id: $id) {
      id
      name
      slug
      createdAt
    }
  }
`);

export const CreateOrganizationMutation = graphql(`
  mutation ConsoleCreateOrganization($input: CreateOrganizationInput!) {
    createOrganization(input: $input) {
      id
      name
      slug
    }
  }
`);

export const CredentialsQuery = graphql(`
  query ConsoleCredentials($organizationId: ID!, $includeRevoked: Boolean!) {
    credentials(organizationId: $organizationId, includeRevoked: $includeRevoked) {
      id
      kind
      name
      role
      createdBy
      createdAt
      lastUsedAt
      revokedAt
    }
  }
`);

export const CreateScimTokenMutation = graphql(`
  mutation ConsoleCreateScimToken($organizationId: ID!, $name: String!) {
    createScimToken(organizationId: $organizationId, name: $name) {
      token
      credential {
        id
        name
      }
    }
  }
`);

export const CreateApiKeyMutation = graphql(`
  mutation ConsoleCreateApiKey($organizationId: ID!, $name: String!, $role: ApiKeyRole!) {
    createApiKey(organizationId: $organizationId, name: $name, role: $role) {
      token
      credential {
        id
        name
      }
    }
  }
`);

export const RevokeCredentialMutation = graphql(`
  mutation ConsoleRevokeCredential($organizationId: ID!, $id: ID!) {
    revokeCredential(organizationId: $organizationId, id: $id) {
      id
      revokedAt
    }
  }
`);

export const UsersQuery = graphql(`
  query ConsoleUsers($organizationId: ID!, $first: Int!, $after: String, $filter: UserFilter, $sort: UserSort) {
    users(organizationId: $organizationId, first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        userName
        displayName
        active
        role
        provisionedBy
        department
        createdAt
      }
    }
  }
`);

export const UserQuery = graphql(`
  query ConsoleUser($organizationId: ID!, $id: ID!) {
    user(organizationId: $organizationId, id: $id) {
      id
      userName
      externalId
      active
      displayName
      nickName
      title
      userType
      locale
      preferredLanguage
      timezone
      employeeNumber
      costCenter
      organizationName
      division
      department
      managerId
      name {
        formatted
        givenName
        familyName
        middleName
        honorificPrefix
        honorificSuffix
      }
      emails {
        value
        type
        primary
      }
      phoneNumbers {
        value
        type
        primary
      }
      role
      baseRole
      attributeSources
      customAttributes
      provisionedBy
      createdAt
      updatedAt
      deactivatedAt
      lastSignInAt
      version
      groups(first: 100) {
        id
        displayName
      }
    }
  }
`);

export const EventsQuery = graphql(`
  query ConsoleEvents($organizationId: ID!, $first: Int!, $after: String, $filter: EventFilter) {
    events(organizationId: $organizationId, first: $first, after: $after, order: DESC, filter: $filter) {
      hasNextPage
      endCursor
      nodes {
        ...ConsoleEventFields
      }
    }
  }
`);

export const EventFieldsFragment = graphql(`
  fragment ConsoleEventFields on Event {
    sequence
    type
    actorType
    actorLabel
    subjectType
    subjectId
    subjectLabel
    objectType
    objectId
    changes
    data
    occurredAt
  }
`);

export const EventsSubscription = graphql(`
  subscription ConsoleLiveEvents($organizationId: ID!, $afterSequence: SafeInt) {
    events(organizationId: $organizationId, afterSequence: $afterSequence) {
      ...ConsoleEventFields
    }
  }
`);

export const GroupsQuery = graphql(`
  query ConsoleGroups($organizationId: ID!, $first: Int!, $after: String, $filter: GroupFilter, $sort: GroupSort) {
    groups(organizationId: $organizationId, first: $first, after: $after, filter: $filter, sort: $sort) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        displayName
        externalId
        memberCount
        updatedAt
      }
    }
  }
`);

export const PolicyQuery = graphql(`
  query ConsolePolicy($organizationId: ID!) {
    provisioningPolicy(organizationId: $organizationId) {
      mode
      defaultRole
      deactivationRemovesMemberships
      reactivation
      groupPushProvisionsMembers
      seatLimit
      allowedEmailDomains
      sessionLifetimeSeconds
      attributePrecedence
      version
      updatedAt
    }
  }
`);

export const SetPolicyMutation = graphql(`
  mutation ConsoleSetPolicy($organizationId: ID!, $input: ProvisioningPolicyInput!) {
    setProvisioningPolicy(organizationId: $organizationId, input: $input) {
      version
      updatedAt
    }
  }
`);

export const MappingsQuery = graphql(`
  query ConsoleMappings($organizationId: ID!, $source: MappingSource!) {
    attributeMappings(organizationId: $organizationId, source: $source) {
      source
      isDefault
      disabledDefaults
      rules {
        source
        target
        transforms {
          kind
          separator
          value
          pattern
          group
          table
          dropUnmatched
        }
      }
      effectiveRules {
        source
        target
        origin
        transforms {
          kind
        }
      }
    }
  }
`);

export const SetMappingsMutation = graphql(`
  mutation ConsoleSetMappings($organizationId: ID!, $source: MappingSource!, $rules: [MappingRuleInput!]!, $disabledDefaults: [String!]) {
    setAttributeMappings(organizationId: $organizationId, source: $source, rules: $rules, disabledDefaults: $disabledDefaults) {
      isDefault
    }
  }
`);

export const ResetMappingsMutation = graphql(`
  mutation ConsoleResetMappings($organizationId: ID!, $source: MappingSource!) {
    resetAttributeMappings(organizationId: $organizationId, source: $source) {
      isDefault
    }
  }
`);

export const PreviewQuery = graphql(`
  query ConsolePreview($organizationId: ID!, $source: MappingSource!, $input: PreviewInput!) {
    previewProvisioning(organizationId: $organizationId, source: $source, input: $input) {
      ...ConsolePreviewFields
    }
  }
`);

export const PreviewFieldsFragment = graphql(`
  fragment ConsolePreviewFields on ProvisioningPreview {
    user
    created
    skippedFields
    refusedAttributes {
      field
      reason
      message
    }
    rules {
      index
      source
      target
      origin
      fired
      value
      note
    }
    error {
      code
      reason
      message
      field
    }
  }
`);

export const StatusQuery = graphql(`
  query ConsoleOrganizationStatus($organizationId: ID!) {
    organization(id: $organizationId) {
      id
      status {
        ssoConfigured
        idpCertificateExpiresAt
        lastScimRequestAt
        scimErrorsLast24h
        signInsToday
        activeUsers
        seatLimit
      }
    }
  }
`);

export const SamlConnectionQuery = graphql(`
  query ConsoleSamlConnection($organizationId: ID!) {
    samlConnection(organizationId: $organizationId) {
      configured
      profile
      idpEntityId
      idpSsoUrl
      nameIdFormat
      idpCertificates {
        subject
        notAfter
        fingerprintSha256
      }
      serviceProvider {
        entityId
        acsUrl
        metadataUrl
        loginUrl
      }
      updatedAt
    }
  }
`);

export const ConfigureSamlMutation = graphql(`
  mutation ConsoleConfigureSaml($organizationId: ID!, $input: SamlConnectionInput!) {
    configureSamlConnection(organizationId: $organizationId, input: $input) {
      configured
      profile
      idpEntityId
      idpSsoUrl
    }
  }
`);

/** Which root fields this server has: pages built on newer parts of the API say so when they are missing. */
export const CapabilitiesQuery = graphql(`
  query ConsoleCapabilities {
    __schema {
      queryType {
        fields {
          name
        }
      }
      mutationType {
        fields {
          name
        }
      }
    }
  }
`);

export const SetupViewerQuery = graphql(`
  query ConsoleSetupViewer {
    viewer {
      kind
      organizationId
      credentialId
      label
      scopes
      expiresAt
    }
  }
`);

export const SetupLinksQuery = graphql(`
  query ConsoleSetupLinks($organizationId: ID!) {
    setupLinks(organizationId: $organizationId) {
      id
      scopes
      createdAt
      expiresAt
      revokedAt
      createdBy
    }
  }
`);

export const CreateSetupLinkMutation = graphql(`
  mutation ConsoleCreateSetupLink($organizationId: ID!, $input: CreateSetupLinkInput!) {
    createSetupLink(organizationId: $organizationId, input: $input) {
      url
      expiresAt
      link {
        id
      }
    }
  }
`);

export const RevokeSetupLinkMutation = graphql(`
  mutation ConsoleRevokeSetupLink($id: ID!) {
    revokeSetupLink(id: $id) {
      id
      revokedAt
    }
  }
`);

export const ProfilesQuery = graphql(`
  query ConsoleIdentityProviderProfiles($organizationId: ID!) {
    identityProviderProfiles(organizationId: $organizationId) {
      kind
      name
      scimSupported
      scimNote
      nameIdFormat
      samlDocsUrls
      scimDocsUrls
      samlSetup {
        ...ConsoleSetupStep
      }
      scimSetup {
        ...ConsoleSetupStep
      }
      samlAttributeNames {
        attribute
        samlName
      }
    }
  }
`);

export const SetupStepFragment = graphql(`
  fragment ConsoleSetupStep on SetupStep {
    title
    instructions
    values {
      label
      value
      key
      placeholder
    }
  }
`);

/** The profiles with placeholders (no organization): what setup mode falls back to when the filled ones are refused. */
export const ProfilesTemplateQuery = graphql(`
  query ConsoleIdentityProviderProfileTemplates {
    identityProviderProfiles {
      kind
      name
      scimSupported
      scimNote
      nameIdFormat
      samlDocsUrls
      scimDocsUrls
      samlSetup {
        ...ConsoleSetupStep
      }
      scimSetup {
        ...ConsoleSetupStep
      }
      samlAttributeNames {
        attribute
        samlName
      }
    }
  }
`);

export const StartTestSignInMutation = graphql(`
  mutation ConsoleStartTestSignIn($organizationId: ID!, $dryRun: Boolean!) {
    startSamlTestSignIn(organizationId: $organizationId, dryRun: $dryRun) {
      id
      url
      status
    }
  }
`);

export const TestSignInQuery = graphql(`
  query ConsoleTestSignIn($id: ID!) {
    samlTestSignIn(id: $id) {
      id
      dryRun
      status
      failureReason
      failureMessage
      nameId
      nameIdFormat
      issuer
      authnContextClassRef
      attributes {
        name
        values
      }
      groups
      preview {
        ...ConsolePreviewFields
      }
      userId
      completedAt
      expiresAt
    }
  }
`);

export const ScimRequestsQuery = graphql(`
  query ConsoleScimRequests($organizationId: ID!, $first: Int!) {
    scimRequests(organizationId: $organizationId, first: $first) {
      nodes {
        id
        method
        path
        status
        scimType
        detail
        identityProvider
        durationMs
        at
      }
    }
  }
`);
