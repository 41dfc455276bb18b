/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ConsoleViewer {\n    viewer {\n      kind\n      organizationId\n      credentialId\n      label\n      role\n    }\n  }\n": typeof types.ConsoleViewerDocument,
    "\n  query ConsoleOrganizations($first: Int!, $after: ID) {\n    organizations(first: $first, after: $after) {\n      id\n      name\n      slug\n      createdAt\n    }\n  }\n": typeof types.ConsoleOrganizationsDocument,
    "\n  query ConsoleOrganization($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      slug\n      createdAt\n    }\n  }\n": typeof types.ConsoleOrganizationDocument,
    "\n  mutation ConsoleCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      id\n      name\n      slug\n    }\n  }\n": typeof types.ConsoleCreateOrganizationDocument,
    "\n  query ConsoleCredentials($organizationId: ID!, $includeRevoked: Boolean!) {\n    credentials(organizationId: $organizationId, includeRevoked: $includeRevoked) {\n      id\n      kind\n      name\n      role\n      createdBy\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": typeof types.ConsoleCredentialsDocument,
    "\n  mutation ConsoleCreateScimToken($organizationId: ID!, $name: String!) {\n    createScimToken(organizationId: $organizationId, name: $name) {\n      token\n      credential {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ConsoleCreateScimTokenDocument,
    "\n  mutation ConsoleCreateApiKey($organizationId: ID!, $name: String!, $role: ApiKeyRole!) {\n    createApiKey(organizationId: $organizationId, name: $name, role: $role) {\n      token\n      credential {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ConsoleCreateApiKeyDocument,
    "\n  mutation ConsoleRevokeCredential($organizationId: ID!, $id: ID!) {\n    revokeCredential(organizationId: $organizationId, id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.ConsoleRevokeCredentialDocument,
    "\n  query ConsoleUsers($organizationId: ID!, $first: Int!, $after: String, $filter: UserFilter, $sort: UserSort) {\n    users(organizationId: $organizationId, first: $first, after: $after, filter: $filter, sort: $sort) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        userName\n        displayName\n        active\n        role\n        provisionedBy\n        department\n        createdAt\n      }\n    }\n  }\n": typeof types.ConsoleUsersDocument,
    "\n  query ConsoleUser($organizationId: ID!, $id: ID!) {\n    user(organizationId: $organizationId, id: $id) {\n      id\n      userName\n      externalId\n      active\n      displayName\n      nickName\n      title\n      userType\n      locale\n      preferredLanguage\n      timezone\n      employeeNumber\n      costCenter\n      organizationName\n      division\n      department\n      managerId\n      name {\n        formatted\n        givenName\n        familyName\n        middleName\n        honorificPrefix\n        honorificSuffix\n      }\n      emails {\n        value\n        type\n        primary\n      }\n      phoneNumbers {\n        value\n        type\n        primary\n      }\n      role\n      baseRole\n      attributeSources\n      customAttributes\n      provisionedBy\n      createdAt\n      updatedAt\n      deactivatedAt\n      lastSignInAt\n      version\n      groups(first: 100) {\n        id\n        displayName\n      }\n    }\n  }\n": typeof types.ConsoleUserDocument,
    "\n  query ConsoleEvents($organizationId: ID!, $first: Int!, $after: String, $filter: EventFilter) {\n    events(organizationId: $organizationId, first: $first, after: $after, order: DESC, filter: $filter) {\n      hasNextPage\n      endCursor\n      nodes {\n        ...ConsoleEventFields\n      }\n    }\n  }\n": typeof types.ConsoleEventsDocument,
    "\n  fragment ConsoleEventFields on Event {\n    sequence\n    type\n    actorType\n    actorLabel\n    subjectType\n    subjectId\n    subjectLabel\n    objectType\n    objectId\n    changes\n    data\n    occurredAt\n  }\n": typeof types.ConsoleEventFieldsFragmentDoc,
    "\n  subscription ConsoleLiveEvents($organizationId: ID!, $afterSequence: SafeInt) {\n    events(organizationId: $organizationId, afterSequence: $afterSequence) {\n      ...ConsoleEventFields\n    }\n  }\n": typeof types.ConsoleLiveEventsDocument,
    "\n  query ConsoleGroups($organizationId: ID!, $first: Int!, $after: String, $filter: GroupFilter, $sort: GroupSort) {\n    groups(organizationId: $organizationId, first: $first, after: $after, filter: $filter, sort: $sort) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        displayName\n        externalId\n        memberCount\n        updatedAt\n      }\n    }\n  }\n": typeof types.ConsoleGroupsDocument,
    "\n  query ConsolePolicy($organizationId: ID!) {\n    provisioningPolicy(organizationId: $organizationId) {\n      mode\n      defaultRole\n      deactivationRemovesMemberships\n      reactivation\n      groupPushProvisionsMembers\n      seatLimit\n      allowedEmailDomains\n      sessionLifetimeSeconds\n      attributePrecedence\n      version\n      updatedAt\n    }\n  }\n": typeof types.ConsolePolicyDocument,
    "\n  mutation ConsoleSetPolicy($organizationId: ID!, $input: ProvisioningPolicyInput!) {\n    setProvisioningPolicy(organizationId: $organizationId, input: $input) {\n      version\n      updatedAt\n    }\n  }\n": typeof types.ConsoleSetPolicyDocument,
    "\n  query ConsoleMappings($organizationId: ID!, $source: MappingSource!) {\n    attributeMappings(organizationId: $organizationId, source: $source) {\n      source\n      isDefault\n      disabledDefaults\n      rules {\n        source\n        target\n        transforms {\n          kind\n          separator\n          value\n          pattern\n          group\n          table\n          dropUnmatched\n        }\n      }\n      effectiveRules {\n        source\n        target\n        origin\n        transforms {\n          kind\n        }\n      }\n    }\n  }\n": typeof types.ConsoleMappingsDocument,
    "\n  mutation ConsoleSetMappings($organizationId: ID!, $source: MappingSource!, $rules: [MappingRuleInput!]!, $disabledDefaults: [String!]) {\n    setAttributeMappings(organizationId: $organizationId, source: $source, rules: $rules, disabledDefaults: $disabledDefaults) {\n      isDefault\n    }\n  }\n": typeof types.ConsoleSetMappingsDocument,
    "\n  mutation ConsoleResetMappings($organizationId: ID!, $source: MappingSource!) {\n    resetAttributeMappings(organizationId: $organizationId, source: $source) {\n      isDefault\n    }\n  }\n": typeof types.ConsoleResetMappingsDocument,
    "\n  query ConsolePreview($organizationId: ID!, $source: MappingSource!, $input: PreviewInput!) {\n    previewProvisioning(organizationId: $organizationId, source: $source, input: $input) {\n      ...ConsolePreviewFields\n    }\n  }\n": typeof types.ConsolePreviewDocument,
    "\n  fragment ConsolePreviewFields on ProvisioningPreview {\n    user\n    created\n    skippedFields\n    refusedAttributes {\n      field\n      reason\n      message\n    }\n    rules {\n      index\n      source\n      target\n      origin\n      fired\n      value\n      note\n    }\n    error {\n      code\n      reason\n      message\n      field\n    }\n  }\n": typeof types.ConsolePreviewFieldsFragmentDoc,
    "\n  query ConsoleOrganizationStatus($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      status {\n        ssoConfigured\n        idpCertificateExpiresAt\n        lastScimRequestAt\n        scimErrorsLast24h\n        signInsToday\n        activeUsers\n        seatLimit\n      }\n    }\n  }\n": typeof types.ConsoleOrganizationStatusDocument,
    "\n  query ConsoleSamlConnection($organizationId: ID!) {\n    samlConnection(organizationId: $organizationId) {\n      configured\n      profile\n      idpEntityId\n      idpSsoUrl\n      nameIdFormat\n      idpCertificates {\n        subject\n        notAfter\n        fingerprintSha256\n      }\n      serviceProvider {\n        entityId\n        acsUrl\n        metadataUrl\n        loginUrl\n      }\n      updatedAt\n    }\n  }\n": typeof types.ConsoleSamlConnectionDocument,
    "\n  mutation ConsoleConfigureSaml($organizationId: ID!, $input: SamlConnectionInput!) {\n    configureSamlConnection(organizationId: $organizationId, input: $input) {\n      configured\n      profile\n      idpEntityId\n      idpSsoUrl\n    }\n  }\n": typeof types.ConsoleConfigureSamlDocument,
    "\n  query ConsoleCapabilities {\n    __schema {\n      queryType {\n        fields {\n          name\n        }\n      }\n      mutationType {\n        fields {\n          name\n        }\n      }\n    }\n  }\n": typeof types.ConsoleCapabilitiesDocument,
    "\n  query ConsoleSetupViewer {\n    viewer {\n      kind\n      organizationId\n      credentialId\n      label\n      scopes\n      expiresAt\n    }\n  }\n": typeof types.ConsoleSetupViewerDocument,
    "\n  query ConsoleSetupLinks($organizationId: ID!) {\n    setupLinks(organizationId: $organizationId) {\n      id\n      scopes\n      createdAt\n      expiresAt\n      revokedAt\n      createdBy\n    }\n  }\n": typeof types.ConsoleSetupLinksDocument,
    "\n  mutation ConsoleCreateSetupLink($organizationId: ID!, $input: CreateSetupLinkInput!) {\n    createSetupLink(organizationId: $organizationId, input: $input) {\n      url\n      expiresAt\n      link {\n        id\n      }\n    }\n  }\n": typeof types.ConsoleCreateSetupLinkDocument,
    "\n  mutation ConsoleRevokeSetupLink($id: ID!) {\n    revokeSetupLink(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": typeof types.ConsoleRevokeSetupLinkDocument,
    "\n  query ConsoleIdentityProviderProfiles($organizationId: ID!) {\n    identityProviderProfiles(organizationId: $organizationId) {\n      kind\n      name\n      scimSupported\n      scimNote\n      nameIdFormat\n      samlDocsUrls\n      scimDocsUrls\n      samlSetup {\n        ...ConsoleSetupStep\n      }\n      scimSetup {\n        ...ConsoleSetupStep\n      }\n      samlAttributeNames {\n        attribute\n        samlName\n      }\n    }\n  }\n": typeof types.ConsoleIdentityProviderProfilesDocument,
    "\n  fragment ConsoleSetupStep on SetupStep {\n    title\n    instructions\n    values {\n      label\n      value\n      key\n      placeholder\n    }\n  }\n": typeof types.ConsoleSetupStepFragmentDoc,
    "\n  query ConsoleIdentityProviderProfileTemplates {\n    identityProviderProfiles {\n      kind\n      name\n      scimSupported\n      scimNote\n      nameIdFormat\n      samlDocsUrls\n      scimDocsUrls\n      samlSetup {\n        ...ConsoleSetupStep\n      }\n      scimSetup {\n        ...ConsoleSetupStep\n      }\n      samlAttributeNames {\n        attribute\n        samlName\n      }\n    }\n  }\n": typeof types.ConsoleIdentityProviderProfileTemplatesDocument,
    "\n  mutation ConsoleStartTestSignIn($organizationId: ID!, $dryRun: Boolean!) {\n    startSamlTestSignIn(organizationId: $organizationId, dryRun: $dryRun) {\n      id\n      url\n      status\n    }\n  }\n": typeof types.ConsoleStartTestSignInDocument,
    "\n  query ConsoleTestSignIn($id: ID!) {\n    samlTestSignIn(id: $id) {\n      id\n      dryRun\n      status\n      failureReason\n      failureMessage\n      nameId\n      nameIdFormat\n      issuer\n      authnContextClassRef\n      attributes {\n        name\n        values\n      }\n      groups\n      preview {\n        ...ConsolePreviewFields\n      }\n      userId\n      completedAt\n      expiresAt\n    }\n  }\n": typeof types.ConsoleTestSignInDocument,
    "\n  query ConsoleScimRequests($organizationId: ID!, $first: Int!) {\n    scimRequests(organizationId: $organizationId, first: $first) {\n      nodes {\n        id\n        method\n        path\n        status\n        scimType\n        detail\n        identityProvider\n        durationMs\n        at\n      }\n    }\n  }\n": typeof types.ConsoleScimRequestsDocument,
};
const documents: Documents = {
    "\n  query ConsoleViewer {\n    viewer {\n      kind\n      organizationId\n      credentialId\n      label\n      role\n    }\n  }\n": types.ConsoleViewerDocument,
    "\n  query ConsoleOrganizations($first: Int!, $after: ID) {\n    organizations(first: $first, after: $after) {\n      id\n      name\n      slug\n      createdAt\n    }\n  }\n": types.ConsoleOrganizationsDocument,
    "\n  query ConsoleOrganization($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      slug\n      createdAt\n    }\n  }\n": types.ConsoleOrganizationDocument,
    "\n  mutation ConsoleCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      id\n      name\n      slug\n    }\n  }\n": types.ConsoleCreateOrganizationDocument,
    "\n  query ConsoleCredentials($organizationId: ID!, $includeRevoked: Boolean!) {\n    credentials(organizationId: $organizationId, includeRevoked: $includeRevoked) {\n      id\n      kind\n      name\n      role\n      createdBy\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n": types.ConsoleCredentialsDocument,
    "\n  mutation ConsoleCreateScimToken($organizationId: ID!, $name: String!) {\n    createScimToken(organizationId: $organizationId, name: $name) {\n      token\n      credential {\n        id\n        name\n      }\n    }\n  }\n": types.ConsoleCreateScimTokenDocument,
    "\n  mutation ConsoleCreateApiKey($organizationId: ID!, $name: String!, $role: ApiKeyRole!) {\n    createApiKey(organizationId: $organizationId, name: $name, role: $role) {\n      token\n      credential {\n        id\n        name\n      }\n    }\n  }\n": types.ConsoleCreateApiKeyDocument,
    "\n  mutation ConsoleRevokeCredential($organizationId: ID!, $id: ID!) {\n    revokeCredential(organizationId: $organizationId, id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.ConsoleRevokeCredentialDocument,
    "\n  query ConsoleUsers($organizationId: ID!, $first: Int!, $after: String, $filter: UserFilter, $sort: UserSort) {\n    users(organizationId: $organizationId, first: $first, after: $after, filter: $filter, sort: $sort) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        userName\n        displayName\n        active\n        role\n        provisionedBy\n        department\n        createdAt\n      }\n    }\n  }\n": types.ConsoleUsersDocument,
    "\n  query ConsoleUser($organizationId: ID!, $id: ID!) {\n    user(organizationId: $organizationId, id: $id) {\n      id\n      userName\n      externalId\n      active\n      displayName\n      nickName\n      title\n      userType\n      locale\n      preferredLanguage\n      timezone\n      employeeNumber\n      costCenter\n      organizationName\n      division\n      department\n      managerId\n      name {\n        formatted\n        givenName\n        familyName\n        middleName\n        honorificPrefix\n        honorificSuffix\n      }\n      emails {\n        value\n        type\n        primary\n      }\n      phoneNumbers {\n        value\n        type\n        primary\n      }\n      role\n      baseRole\n      attributeSources\n      customAttributes\n      provisionedBy\n      createdAt\n      updatedAt\n      deactivatedAt\n      lastSignInAt\n      version\n      groups(first: 100) {\n        id\n        displayName\n      }\n    }\n  }\n": types.ConsoleUserDocument,
    "\n  query ConsoleEvents($organizationId: ID!, $first: Int!, $after: String, $filter: EventFilter) {\n    events(organizationId: $organizationId, first: $first, after: $after, order: DESC, filter: $filter) {\n      hasNextPage\n      endCursor\n      nodes {\n        ...ConsoleEventFields\n      }\n    }\n  }\n": types.ConsoleEventsDocument,
    "\n  fragment ConsoleEventFields on Event {\n    sequence\n    type\n    actorType\n    actorLabel\n    subjectType\n    subjectId\n    subjectLabel\n    objectType\n    objectId\n    changes\n    data\n    occurredAt\n  }\n": types.ConsoleEventFieldsFragmentDoc,
    "\n  subscription ConsoleLiveEvents($organizationId: ID!, $afterSequence: SafeInt) {\n    events(organizationId: $organizationId, afterSequence: $afterSequence) {\n      ...ConsoleEventFields\n    }\n  }\n": types.ConsoleLiveEventsDocument,
    "\n  query ConsoleGroups($organizationId: ID!, $first: Int!, $after: String, $filter: GroupFilter, $sort: GroupSort) {\n    groups(organizationId: $organizationId, first: $first, after: $after, filter: $filter, sort: $sort) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        displayName\n        externalId\n        memberCount\n        updatedAt\n      }\n    }\n  }\n": types.ConsoleGroupsDocument,
    "\n  query ConsolePolicy($organizationId: ID!) {\n    provisioningPolicy(organizationId: $organizationId) {\n      mode\n      defaultRole\n      deactivationRemovesMemberships\n      reactivation\n      groupPushProvisionsMembers\n      seatLimit\n      allowedEmailDomains\n      sessionLifetimeSeconds\n      attributePrecedence\n      version\n      updatedAt\n    }\n  }\n": types.ConsolePolicyDocument,
    "\n  mutation ConsoleSetPolicy($organizationId: ID!, $input: ProvisioningPolicyInput!) {\n    setProvisioningPolicy(organizationId: $organizationId, input: $input) {\n      version\n      updatedAt\n    }\n  }\n": types.ConsoleSetPolicyDocument,
    "\n  query ConsoleMappings($organizationId: ID!, $source: MappingSource!) {\n    attributeMappings(organizationId: $organizationId, source: $source) {\n      source\n      isDefault\n      disabledDefaults\n      rules {\n        source\n        target\n        transforms {\n          kind\n          separator\n          value\n          pattern\n          group\n          table\n          dropUnmatched\n        }\n      }\n      effectiveRules {\n        source\n        target\n        origin\n        transforms {\n          kind\n        }\n      }\n    }\n  }\n": types.ConsoleMappingsDocument,
    "\n  mutation ConsoleSetMappings($organizationId: ID!, $source: MappingSource!, $rules: [MappingRuleInput!]!, $disabledDefaults: [String!]) {\n    setAttributeMappings(organizationId: $organizationId, source: $source, rules: $rules, disabledDefaults: $disabledDefaults) {\n      isDefault\n    }\n  }\n": types.ConsoleSetMappingsDocument,
    "\n  mutation ConsoleResetMappings($organizationId: ID!, $source: MappingSource!) {\n    resetAttributeMappings(organizationId: $organizationId, source: $source) {\n      isDefault\n    }\n  }\n": types.ConsoleResetMappingsDocument,
    "\n  query ConsolePreview($organizationId: ID!, $source: MappingSource!, $input: PreviewInput!) {\n    previewProvisioning(organizationId: $organizationId, source: $source, input: $input) {\n      ...ConsolePreviewFields\n    }\n  }\n": types.ConsolePreviewDocument,
    "\n  fragment ConsolePreviewFields on ProvisioningPreview {\n    user\n    created\n    skippedFields\n    refusedAttributes {\n      field\n      reason\n      message\n    }\n    rules {\n      index\n      source\n      target\n      origin\n      fired\n      value\n      note\n    }\n    error {\n      code\n      reason\n      message\n      field\n    }\n  }\n": types.ConsolePreviewFieldsFragmentDoc,
    "\n  query ConsoleOrganizationStatus($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      status {\n        ssoConfigured\n        idpCertificateExpiresAt\n        lastScimRequestAt\n        scimErrorsLast24h\n        signInsToday\n        activeUsers\n        seatLimit\n      }\n    }\n  }\n": types.ConsoleOrganizationStatusDocument,
    "\n  query ConsoleSamlConnection($organizationId: ID!) {\n    samlConnection(organizationId: $organizationId) {\n      configured\n      profile\n      idpEntityId\n      idpSsoUrl\n      nameIdFormat\n      idpCertificates {\n        subject\n        notAfter\n        fingerprintSha256\n      }\n      serviceProvider {\n        entityId\n        acsUrl\n        metadataUrl\n        loginUrl\n      }\n      updatedAt\n    }\n  }\n": types.ConsoleSamlConnectionDocument,
    "\n  mutation ConsoleConfigureSaml($organizationId: ID!, $input: SamlConnectionInput!) {\n    configureSamlConnection(organizationId: $organizationId, input: $input) {\n      configured\n      profile\n      idpEntityId\n      idpSsoUrl\n    }\n  }\n": types.ConsoleConfigureSamlDocument,
    "\n  query ConsoleCapabilities {\n    __schema {\n      queryType {\n        fields {\n          name\n        }\n      }\n      mutationType {\n        fields {\n          name\n        }\n      }\n    }\n  }\n": types.ConsoleCapabilitiesDocument,
    "\n  query ConsoleSetupViewer {\n    viewer {\n      kind\n      organizationId\n      credentialId\n      label\n      scopes\n      expiresAt\n    }\n  }\n": types.ConsoleSetupViewerDocument,
    "\n  query ConsoleSetupLinks($organizationId: ID!) {\n    setupLinks(organizationId: $organizationId) {\n      id\n      scopes\n      createdAt\n      expiresAt\n      revokedAt\n      createdBy\n    }\n  }\n": types.ConsoleSetupLinksDocument,
    "\n  mutation ConsoleCreateSetupLink($organizationId: ID!, $input: CreateSetupLinkInput!) {\n    createSetupLink(organizationId: $organizationId, input: $input) {\n      url\n      expiresAt\n      link {\n        id\n      }\n    }\n  }\n": types.ConsoleCreateSetupLinkDocument,
    "\n  mutation ConsoleRevokeSetupLink($id: ID!) {\n    revokeSetupLink(id: $id) {\n      id\n      revokedAt\n    }\n  }\n": types.ConsoleRevokeSetupLinkDocument,
    "\n  query ConsoleIdentityProviderProfiles($organizationId: ID!) {\n    identityProviderProfiles(organizationId: $organizationId) {\n      kind\n      name\n      scimSupported\n      scimNote\n      nameIdFormat\n      samlDocsUrls\n      scimDocsUrls\n      samlSetup {\n        ...ConsoleSetupStep\n      }\n      scimSetup {\n        ...ConsoleSetupStep\n      }\n      samlAttributeNames {\n        attribute\n        samlName\n      }\n    }\n  }\n": types.ConsoleIdentityProviderProfilesDocument,
    "\n  fragment ConsoleSetupStep on SetupStep {\n    title\n    instructions\n    values {\n      label\n      value\n      key\n      placeholder\n    }\n  }\n": types.ConsoleSetupStepFragmentDoc,
    "\n  query ConsoleIdentityProviderProfileTemplates {\n    identityProviderProfiles {\n      kind\n      name\n      scimSupported\n      scimNote\n      nameIdFormat\n      samlDocsUrls\n      scimDocsUrls\n      samlSetup {\n        ...ConsoleSetupStep\n      }\n      scimSetup {\n        ...ConsoleSetupStep\n      }\n      samlAttributeNames {\n        attribute\n        samlName\n      }\n    }\n  }\n": types.ConsoleIdentityProviderProfileTemplatesDocument,
    "\n  mutation ConsoleStartTestSignIn($organizationId: ID!, $dryRun: Boolean!) {\n    startSamlTestSignIn(organizationId: $organizationId, dryRun: $dryRun) {\n      id\n      url\n      status\n    }\n  }\n": types.ConsoleStartTestSignInDocument,
    "\n  query ConsoleTestSignIn($id: ID!) {\n    samlTestSignIn(id: $id) {\n      id\n      dryRun\n      status\n      failureReason\n      failureMessage\n      nameId\n      nameIdFormat\n      issuer\n      authnContextClassRef\n      attributes {\n        name\n        values\n      }\n      groups\n      preview {\n        ...ConsolePreviewFields\n      }\n      userId\n      completedAt\n      expiresAt\n    }\n  }\n": types.ConsoleTestSignInDocument,
    "\n  query ConsoleScimRequests($organizationId: ID!, $first: Int!) {\n    scimRequests(organizationId: $organizationId, first: $first) {\n      nodes {\n        id\n        method\n        path\n        status\n        scimType\n        detail\n        identityProvider\n        durationMs\n        at\n      }\n    }\n  }\n": types.ConsoleScimRequestsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleViewer {\n    viewer {\n      kind\n      organizationId\n      credentialId\n      label\n      role\n    }\n  }\n"): typeof import('./graphql').ConsoleViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOrganizations($first: Int!, $after: ID) {\n    organizations(first: $first, after: $after) {\n      id\n      name\n      slug\n      createdAt\n    }\n  }\n"): typeof import('./graphql').ConsoleOrganizationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOrganization($id: ID!) {\n    organization(id: $id) {\n      id\n      name\n      slug\n      createdAt\n    }\n  }\n"): typeof import('./graphql').ConsoleOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateOrganization($input: CreateOrganizationInput!) {\n    createOrganization(input: $input) {\n      id\n      name\n      slug\n    }\n  }\n"): typeof import('./graphql').ConsoleCreateOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCredentials($organizationId: ID!, $includeRevoked: Boolean!) {\n    credentials(organizationId: $organizationId, includeRevoked: $includeRevoked) {\n      id\n      kind\n      name\n      role\n      createdBy\n      createdAt\n      lastUsedAt\n      revokedAt\n    }\n  }\n"): typeof import('./graphql').ConsoleCredentialsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateScimToken($organizationId: ID!, $name: String!) {\n    createScimToken(organizationId: $organizationId, name: $name) {\n      token\n      credential {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCreateScimTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateApiKey($organizationId: ID!, $name: String!, $role: ApiKeyRole!) {\n    createApiKey(organizationId: $organizationId, name: $name, role: $role) {\n      token\n      credential {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCreateApiKeyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRevokeCredential($organizationId: ID!, $id: ID!) {\n    revokeCredential(organizationId: $organizationId, id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): typeof import('./graphql').ConsoleRevokeCredentialDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleUsers($organizationId: ID!, $first: Int!, $after: String, $filter: UserFilter, $sort: UserSort) {\n    users(organizationId: $organizationId, first: $first, after: $after, filter: $filter, sort: $sort) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        userName\n        displayName\n        active\n        role\n        provisionedBy\n        department\n        createdAt\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleUsersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleUser($organizationId: ID!, $id: ID!) {\n    user(organizationId: $organizationId, id: $id) {\n      id\n      userName\n      externalId\n      active\n      displayName\n      nickName\n      title\n      userType\n      locale\n      preferredLanguage\n      timezone\n      employeeNumber\n      costCenter\n      organizationName\n      division\n      department\n      managerId\n      name {\n        formatted\n        givenName\n        familyName\n        middleName\n        honorificPrefix\n        honorificSuffix\n      }\n      emails {\n        value\n        type\n        primary\n      }\n      phoneNumbers {\n        value\n        type\n        primary\n      }\n      role\n      baseRole\n      attributeSources\n      customAttributes\n      provisionedBy\n      createdAt\n      updatedAt\n      deactivatedAt\n      lastSignInAt\n      version\n      groups(first: 100) {\n        id\n        displayName\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleUserDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleEvents($organizationId: ID!, $first: Int!, $after: String, $filter: EventFilter) {\n    events(organizationId: $organizationId, first: $first, after: $after, order: DESC, filter: $filter) {\n      hasNextPage\n      endCursor\n      nodes {\n        ...ConsoleEventFields\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleEventFields on Event {\n    sequence\n    type\n    actorType\n    actorLabel\n    subjectType\n    subjectId\n    subjectLabel\n    objectType\n    objectId\n    changes\n    data\n    occurredAt\n  }\n"): typeof import('./graphql').ConsoleEventFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ConsoleLiveEvents($organizationId: ID!, $afterSequence: SafeInt) {\n    events(organizationId: $organizationId, afterSequence: $afterSequence) {\n      ...ConsoleEventFields\n    }\n  }\n"): typeof import('./graphql').ConsoleLiveEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleGroups($organizationId: ID!, $first: Int!, $after: String, $filter: GroupFilter, $sort: GroupSort) {\n    groups(organizationId: $organizationId, first: $first, after: $after, filter: $filter, sort: $sort) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        displayName\n        externalId\n        memberCount\n        updatedAt\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleGroupsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePolicy($organizationId: ID!) {\n    provisioningPolicy(organizationId: $organizationId) {\n      mode\n      defaultRole\n      deactivationRemovesMemberships\n      reactivation\n      groupPushProvisionsMembers\n      seatLimit\n      allowedEmailDomains\n      sessionLifetimeSeconds\n      attributePrecedence\n      version\n      updatedAt\n    }\n  }\n"): typeof import('./graphql').ConsolePolicyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetPolicy($organizationId: ID!, $input: ProvisioningPolicyInput!) {\n    setProvisioningPolicy(organizationId: $organizationId, input: $input) {\n      version\n      updatedAt\n    }\n  }\n"): typeof import('./graphql').ConsoleSetPolicyDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleMappings($organizationId: ID!, $source: MappingSource!) {\n    attributeMappings(organizationId: $organizationId, source: $source) {\n      source\n      isDefault\n      disabledDefaults\n      rules {\n        source\n        target\n        transforms {\n          kind\n          separator\n          value\n          pattern\n          group\n          table\n          dropUnmatched\n        }\n      }\n      effectiveRules {\n        source\n        target\n        origin\n        transforms {\n          kind\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleMappingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleSetMappings($organizationId: ID!, $source: MappingSource!, $rules: [MappingRuleInput!]!, $disabledDefaults: [String!]) {\n    setAttributeMappings(organizationId: $organizationId, source: $source, rules: $rules, disabledDefaults: $disabledDefaults) {\n      isDefault\n    }\n  }\n"): typeof import('./graphql').ConsoleSetMappingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleResetMappings($organizationId: ID!, $source: MappingSource!) {\n    resetAttributeMappings(organizationId: $organizationId, source: $source) {\n      isDefault\n    }\n  }\n"): typeof import('./graphql').ConsoleResetMappingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsolePreview($organizationId: ID!, $source: MappingSource!, $input: PreviewInput!) {\n    previewProvisioning(organizationId: $organizationId, source: $source, input: $input) {\n      ...ConsolePreviewFields\n    }\n  }\n"): typeof import('./graphql').ConsolePreviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsolePreviewFields on ProvisioningPreview {\n    user\n    created\n    skippedFields\n    refusedAttributes {\n      field\n      reason\n      message\n    }\n    rules {\n      index\n      source\n      target\n      origin\n      fired\n      value\n      note\n    }\n    error {\n      code\n      reason\n      message\n      field\n    }\n  }\n"): typeof import('./graphql').ConsolePreviewFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleOrganizationStatus($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      status {\n        ssoConfigured\n        idpCertificateExpiresAt\n        lastScimRequestAt\n        scimErrorsLast24h\n        signInsToday\n        activeUsers\n        seatLimit\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleOrganizationStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSamlConnection($organizationId: ID!) {\n    samlConnection(organizationId: $organizationId) {\n      configured\n      profile\n      idpEntityId\n      idpSsoUrl\n      nameIdFormat\n      idpCertificates {\n        subject\n        notAfter\n        fingerprintSha256\n      }\n      serviceProvider {\n        entityId\n        acsUrl\n        metadataUrl\n        loginUrl\n      }\n      updatedAt\n    }\n  }\n"): typeof import('./graphql').ConsoleSamlConnectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleConfigureSaml($organizationId: ID!, $input: SamlConnectionInput!) {\n    configureSamlConnection(organizationId: $organizationId, input: $input) {\n      configured\n      profile\n      idpEntityId\n      idpSsoUrl\n    }\n  }\n"): typeof import('./graphql').ConsoleConfigureSamlDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleCapabilities {\n    __schema {\n      queryType {\n        fields {\n          name\n        }\n      }\n      mutationType {\n        fields {\n          name\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCapabilitiesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSetupViewer {\n    viewer {\n      kind\n      organizationId\n      credentialId\n      label\n      scopes\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').ConsoleSetupViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleSetupLinks($organizationId: ID!) {\n    setupLinks(organizationId: $organizationId) {\n      id\n      scopes\n      createdAt\n      expiresAt\n      revokedAt\n      createdBy\n    }\n  }\n"): typeof import('./graphql').ConsoleSetupLinksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleCreateSetupLink($organizationId: ID!, $input: CreateSetupLinkInput!) {\n    createSetupLink(organizationId: $organizationId, input: $input) {\n      url\n      expiresAt\n      link {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleCreateSetupLinkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleRevokeSetupLink($id: ID!) {\n    revokeSetupLink(id: $id) {\n      id\n      revokedAt\n    }\n  }\n"): typeof import('./graphql').ConsoleRevokeSetupLinkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleIdentityProviderProfiles($organizationId: ID!) {\n    identityProviderProfiles(organizationId: $organizationId) {\n      kind\n      name\n      scimSupported\n      scimNote\n      nameIdFormat\n      samlDocsUrls\n      scimDocsUrls\n      samlSetup {\n        ...ConsoleSetupStep\n      }\n      scimSetup {\n        ...ConsoleSetupStep\n      }\n      samlAttributeNames {\n        attribute\n        samlName\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleIdentityProviderProfilesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ConsoleSetupStep on SetupStep {\n    title\n    instructions\n    values {\n      label\n      value\n      key\n      placeholder\n    }\n  }\n"): typeof import('./graphql').ConsoleSetupStepFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleIdentityProviderProfileTemplates {\n    identityProviderProfiles {\n      kind\n      name\n      scimSupported\n      scimNote\n      nameIdFormat\n      samlDocsUrls\n      scimDocsUrls\n      samlSetup {\n        ...ConsoleSetupStep\n      }\n      scimSetup {\n        ...ConsoleSetupStep\n      }\n      samlAttributeNames {\n        attribute\n        samlName\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleIdentityProviderProfileTemplatesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConsoleStartTestSignIn($organizationId: ID!, $dryRun: Boolean!) {\n    startSamlTestSignIn(organizationId: $organizationId, dryRun: $dryRun) {\n      id\n      url\n      status\n    }\n  }\n"): typeof import('./graphql').ConsoleStartTestSignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleTestSignIn($id: ID!) {\n    samlTestSignIn(id: $id) {\n      id\n      dryRun\n      status\n      failureReason\n      failureMessage\n      nameId\n      nameIdFormat\n      issuer\n      authnContextClassRef\n      attributes {\n        name\n        values\n      }\n      groups\n      preview {\n        ...ConsolePreviewFields\n      }\n      userId\n      completedAt\n      expiresAt\n    }\n  }\n"): typeof import('./graphql').ConsoleTestSignInDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConsoleScimRequests($organizationId: ID!, $first: Int!) {\n    scimRequests(organizationId: $organizationId, first: $first) {\n      nodes {\n        id\n        method\n        path\n        status\n        scimType\n        detail\n        identityProvider\n        durationMs\n        at\n      }\n    }\n  }\n"): typeof import('./graphql').ConsoleScimRequestsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
