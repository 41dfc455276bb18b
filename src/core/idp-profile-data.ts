/**
 * Identity-provider profiles (issue #21): for each identity provider we support by name, the SAML
 * attribute names it sends (as the default SAML mapping rules of a connection that records the
 * profile), and the setup steps in that IdP's own words and order. The GraphQL query
 * `identityProviderProfiles` serves this data (filled with an organization's own URLs by
 * services/identity-provider-profiles.ts) and docs/IDP-GUIDES.md walks through the same steps
 * (test/core/identity-provider-profiles.test.ts checks that every step title and value label of this
 * file appears in the guide).
 *
 * Sources: each profile names the vendor pages its wording was checked against (`samlDocsUrl`,
 * `scimDocsUrl`). Where a label could only be confirmed from third-party setup guides quoting the
 * vendor's console, or not at all, a comment at the step says so.
 *
 * Pure data: no I/O. The core's floor, so entities, services and the mapping engine may all read it.
 */
import type { MappingRule } from './entities/provisioning.js';

/** The identity providers a connection may record (`SamlConnection.profile`). */
export const IDENTITY_PROVIDER_KINDS = ['OKTA', 'ENTRA_ID', 'GOOGLE_WORKSPACE', 'ONELOGIN', 'JUMPCLOUD', 'PING', 'GENERIC'] as const;
export type IdentityProviderKind = (typeof IDENTITY_PROVIDER_KINDS)[number];

export function isIdentityProviderKind(value: unknown): value is IdentityProviderKind {
  return typeof value === 'string' && (IDENTITY_PROVIDER_KINDS as readonly string[]).includes(value);
}

/**
 * Values of this service an IdP admin copies into the IdP: filled from the organization when one
 * is named, otherwise a placeholder saying what goes there. `SCIM_TOKEN` is always a placeholder
 * (tokens are shown once, when created).
 */
export const SETUP_VALUE_KEYS = ['ACS_URL', 'ACS_URL_PATTERN', 'SP_ENTITY_ID', 'SP_METADATA_URL', 'SP_LOGIN_URL', 'SCIM_BASE_URL', 'SCIM_TOKEN'] as const;
export type SetupValueKey = (typeof SETUP_VALUE_KEYS)[number];

/** One field of the IdP's console: its label there, and either a literal value or one of ours. */
export interface SetupValueSpec {
  label: string;
  /** The literal to enter or choose (a menu choice, an attribute name); absent when `key` says. */
  value?: string;
  key?: SetupValueKey;
}

export interface SetupStepSpec {
  /** The IdP's own name of the screen, tab or section. */
  title: string;
  instructions: string;
  values: SetupValueSpec[];
}

export interface IdentityProviderProfileSpec {
  kind: IdentityProviderKind;
  name: string;
  /** Whether the IdP can provision this service over SCIM 2.0. */
  scimSupported: boolean;
  /** What to know about SCIM with this IdP (why it is unsupported, or a caveat). */
  scimNote: string | null;
  /** The NameID format to choose in the IdP (what our connection requests by default). */
  nameIdFormat: string;
  /** The vendor pages the SAML steps follow. */
  samlDocsUrls: string[];
  /** The vendor pages the SCIM steps follow. */
  scimDocsUrls: string[];
  samlSetup: SetupStepSpec[];
  scimSetup: SetupStepSpec[];
  /**
   * The SAML mapping rules a connection with this profile starts from (docs/PROVISIONING.md §4.2):
   * first-wins per target, so a later rule for the same target is a fallback. Attribute names
   * are matched ignoring case.
   */
  defaultSamlRules: MappingRule[];
}

const EMAIL_NAME_ID = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';
const rule = (source: string, target: string): MappingRule => ({ source, target, transforms: [] });

/** Entra ID's claim types (https://learn.microsoft.com/en-us/entra/identity-platform/reference-saml-tokens). */
const CLAIM = {
  givenName: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
  surname: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
  emailAddress: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
  displayName: 'http://schemas.microsoft.com/identity/claims/displayname',
  groups: 'http://schemas.microsoft.com/ws/2008/06/identity/claims/groups',
} as const;

/** The values every SAML setup needs from us, named as the IdP names them. */
const acs = (label: string): SetupValueSpec => ({ label, key: 'ACS_URL' });
const entityId = (label: string): SetupValueSpec => ({ label, key: 'SP_ENTITY_ID' });
const scimBase = (label: string): SetupValueSpec => ({ label, key: 'SCIM_BASE_URL' });
const scimToken = (label: string): SetupValueSpec => ({ label, key: 'SCIM_TOKEN' });
const literal = (label: string, value: string): SetupValueSpec => ({ label, value });

/**
 * The step that hands the IdP's metadata to us, the same for every profile but for where the IdP shows
 * it. Read on the setup page (a setup link: no API, the upload form below the steps) and in the docs.
 */
function configureStep(kind: IdentityProviderKind, where: string): SetupStepSpec {
  return {
    title: 'Connect the identity provider to this service',
    instructions:
      `${where} Then, on the setup page, upload it under "Upload your identity provider’s metadata" with this identity provider chosen; ` +
      `with the API, run the configureSamlConnection mutation with idpMetadataXml (the metadata XML) and profile ${kind} — ` +
      'or give idpEntityId, idpSsoUrl and idpCertificates instead of the XML. The profile chooses the default SAML attribute mappings for this identity provider.',
    values: [literal('profile', kind)],
  };
}

// Okta labels: the SAML ones ("Create App Integration", "SAML 2.0", "Single sign on URL", "Audience URI
// (SP Entity ID)", "Name ID format", "Application username", "Attribute Statements", "Sign On",
// "Metadata URL") checked against help.okta.com (the Access Gateway page cited) and guides quoting
// the console; the Push Groups ones ("Refresh App Groups", "Find groups by name", "Match results and
// push action", "Create Group", "Link Group") against Okta's group push and group linking pages. The
// SCIM integration labels ("SCIM connector base URL", "Unique identifier field for users",
// "Supported provisioning actions", "Authentication Mode", "To App", "Sync Password", "Import Now")
// are those README already used, from Okta's SCIM wizard page; not re-checked in this change.
const OKTA: IdentityProviderProfileSpec = {
  kind: 'OKTA',
  name: 'Okta',
  scimSupported: true,
  scimNote: null,
  nameIdFormat: EMAIL_NAME_ID,
  samlDocsUrls: [
    'https://help.okta.com/en-us/content/topics/apps/apps_app_integration_wizard_saml.htm',
    'https://help.okta.com/oag/en-us/Content/Topics/Access-Gateway/add-app-saml-pass-thru-add-okta.htm',
  ],
  scimDocsUrls: [
    'https://help.okta.com/en-us/content/topics/apps/apps_app_integration_wizard_scim.htm',
    'https://developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20/',
    'https://help.okta.com/en-us/Content/Topics/users-groups-profiles/usgp-enable-group-push.htm',
    'https://help.okta.com/oie/en-us/Content/Topics/users-groups-profiles/usgp-configure-enhanced-group-push.htm',
  ],
  samlSetup: [
    {
      title: 'Create App Integration',
      instructions:
        'In the Admin Console, go to Applications → Applications and click Create App Integration. Choose SAML 2.0 as the sign-in method, click Next, enter the App name and click Next.',
      values: [literal('Sign-in method', 'SAML 2.0')],
    },
    {
      title: 'Configure SAML',
      instructions:
        'Under SAML Settings, enter our ACS URL as the Single sign on URL (keep "Use this for Recipient URL and Destination URL" checked) and our entity ID as the Audience URI. Choose EmailAddress as the Name ID format and Email as the Application username.',
      values: [
        acs('Single sign on URL'),
        entityId('Audience URI (SP Entity ID)'),
        literal('Name ID format', 'EmailAddress'),
        literal('Application username', 'Email'),
      ],
    },
    {
      title: 'Attribute Statements',
      instructions:
        'Still under SAML Settings, add these Attribute Statements (Name format Unspecified), and a Group Attribute Statement named groups with a filter for the groups this service should see (Matches regex .* sends them all). Okta leaves the groups attribute out when no group matches the filter. Then click Next and Finish.',
      values: [
        literal('firstName', 'user.firstName'),
        literal('lastName', 'user.lastName'),
        literal('email', 'user.email'),
        literal('displayName', 'user.displayName'),
        literal('title', 'user.title'),
        literal('department', 'user.department'),
        literal('Group Attribute Statements: groups', 'Matches regex .*'),
      ],
    },
    configureStep('OKTA', 'On the Sign On tab, copy the Metadata URL and download the metadata it serves (or open "View SAML setup instructions").'),
    {
      title: 'Assignments',
      instructions:
        'On the Assignments tab, click Assign → Assign to People or Assign to Groups. Only assigned people can sign in. They start at your application: a click on its tile in the Okta End-User Dashboard is refused until the application allows IdP-initiated sign-in for your organization (ask its administrator).',
      values: [],
    },
  ],
  scimSetup: [
    {
      title: 'App Settings',
      instructions:
        'On the General tab of the app integration, click Edit under App Settings, choose SCIM as the Provisioning option and click Save. A Provisioning tab appears.',
      values: [literal('Provisioning', 'SCIM')],
    },
    {
      title: 'Integration',
      instructions:
        'On the Provisioning tab, under Integration, click Edit. Create a SCIM token for the organization (createScimToken) and enter it as the Bearer token. Click Test Connector Configuration, then Save.',
      values: [
        scimBase('SCIM connector base URL'),
        literal('Unique identifier field for users', 'userName'),
        literal('Supported provisioning actions', 'Import New Users and Profile Updates, Push New Users, Push Profile Updates, Push Groups'),
        literal('Authentication Mode', 'HTTP Header'),
        scimToken('Authorization (Bearer)'),
      ],
    },
    {
      title: 'To App',
      instructions:
        'On the Provisioning tab, under To App, click Edit and enable Create Users, Update User Attributes and Deactivate Users. Leave Sync Password off: this service never stores passwords, and the password Okta would send is discarded.',
      values: [
        literal('Create Users', 'Enable'),
        literal('Update User Attributes', 'Enable'),
        literal('Deactivate Users', 'Enable'),
        literal('Sync Password', 'Off'),
      ],
    },
    {
      title: 'Push Groups',
      instructions:
        'On the Push Groups tab, click Refresh App Groups (Okta reads our groups), then Push Groups → Find groups by name and pick a group. In "Match results and push action", choose Create Group for a new group, or Link Group when a group of that name already exists here (created by the API or used by SAML group sync): Okta cannot push a group whose name already exists in the app. Then Save. Pushed groups are managed from Okta from then on.',
      values: [],
    },
    {
      title: 'Import',
      instructions:
        'On the Import tab, click Import Now to read the users this service already has (GET /Users) and match them to Okta users before assigning the app, so that existing accounts are linked rather than duplicated.',
      values: [],
    },
  ],
  defaultSamlRules: [
    rule('firstName', 'givenName'),
    rule('lastName', 'familyName'),
    rule('displayName', 'displayName'),
    rule('email', 'email'),
    rule('title', 'title'),
    rule('department', 'department'),
    rule('groups', 'groups'),
  ],
};

// Entra ID labels: "Identifier (Entity ID)", "Reply URL (Assertion Consumer Service URL)", "Sign on
// URL", "Basic SAML Configuration", "Attributes & Claims", "Unique User Identifier" checked against
// setup guides quoting the admin center (e.g. Azion's Entra guide, github.com/aziontech/docs PR 1942);
// the group claim choices ("Groups assigned to the application", "Cloud-only group display names",
// sAMAccountName) follow Microsoft's group claims page as we know it; the provisioning labels
// ("Provisioning Mode", "Admin Credentials", "Tenant URL", "Secret Token", "Test Connection", "Scope",
// "Provisioning Status") Microsoft's provisioning page and README. Not all re-checked in this change.
const ENTRA_ID: IdentityProviderProfileSpec = {
  kind: 'ENTRA_ID',
  name: 'Microsoft Entra ID',
  scimSupported: true,
  scimNote: null,
  nameIdFormat: EMAIL_NAME_ID,
  samlDocsUrls: [
    'https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/add-application-portal-setup-sso',
    'https://learn.microsoft.com/entra/identity-platform/reference-claims-customization',
    'https://learn.microsoft.com/en-us/entra/identity/hybrid/connect/how-to-connect-fed-group-claims',
  ],
  scimDocsUrls: [
    'https://learn.microsoft.com/en-us/entra/identity/app-provisioning/configure-automatic-user-provisioning-portal',
    'https://learn.microsoft.com/en-us/entra/identity/app-provisioning/use-scim-to-provision-users-and-groups',
  ],
  samlSetup: [
    {
      title: 'Create your own application',
      instructions:
        'In the Microsoft Entra admin center, go to Enterprise applications → New application → Create your own application, enter a name, choose "Integrate any other application you don\'t find in the gallery (Non-gallery)" and click Create.',
      values: [],
    },
    {
      title: 'Basic SAML Configuration',
      instructions: 'Under Single sign-on, choose SAML. In the Basic SAML Configuration section, click Edit, enter these values and Save.',
      values: [entityId('Identifier (Entity ID)'), acs('Reply URL (Assertion Consumer Service URL)'), { label: 'Sign on URL (Optional)', key: 'SP_LOGIN_URL' }],
    },
    {
      title: 'Attributes & Claims',
      instructions:
        'Click Edit in Attributes & Claims. Keep the Unique User Identifier (Name ID) on user.userprincipalname, Entra\'s default, with the Email address name identifier format: it must be the same value SCIM sends as userName (Entra\'s SCIM mapping takes userPrincipalName too), or a user provisioned by SCIM and the same person signing in would be two users. (If your UPNs are not email addresses, use user.mail here and map userName from mail under Provisioning → Mappings.) Keep the default givenname, surname and emailaddress claims, and add a displayname claim (namespace http://schemas.microsoft.com/identity/claims). Click "Add a group claim", choose "Groups assigned to the application" and, as Source attribute, "Cloud-only group display names" (or sAMAccountName for groups synchronized from Active Directory): this service matches groups by name, and the default Group ID would send object IDs.',
      values: [
        literal('Unique User Identifier (Name ID)', 'user.userprincipalname'),
        literal('Name identifier format', 'Email address'),
        literal(CLAIM.displayName, 'user.displayname'),
        literal('Add a group claim', 'Groups assigned to the application'),
        literal('Source attribute', 'Cloud-only group display names'),
      ],
    },
    configureStep('ENTRA_ID', 'In the SAML Certificates section, download the Federation Metadata XML (the App Federation Metadata Url serves the same file).'),
    {
      title: 'Users and groups',
      instructions:
        'Under Users and groups, click Add user/group and assign the people and groups who may sign in (and whose groups the group claim sends). They start at your application: a click on its tile in Microsoft My Apps is refused until the application allows IdP-initiated sign-in for your organization (ask its administrator).',
      values: [],
    },
  ],
  scimSetup: [
    {
      title: 'Provisioning Mode',
      instructions: 'In the same enterprise application, open Provisioning and set the Provisioning Mode to Automatic.',
      values: [literal('Provisioning Mode', 'Automatic')],
    },
    {
      title: 'Admin Credentials',
      instructions:
        'Under Admin Credentials, enter the SCIM base URL as the Tenant URL and a SCIM token of the organization (createScimToken) as the Secret Token, click Test Connection, then Save.',
      values: [scimBase('Tenant URL'), scimToken('Secret Token')],
    },
    {
      title: 'Mappings',
      instructions:
        'Under Mappings, keep Provision Microsoft Entra ID Users and Provision Microsoft Entra ID Groups enabled. The default attribute mappings work as they are (userName from userPrincipalName, the enterprise extension attributes, manager).',
      values: [],
    },
    {
      title: 'Settings',
      instructions:
        'Under Settings, choose "Sync only assigned users and groups" as the Scope, set Provisioning Status to On and Save. The first cycle starts within 40 minutes; later cycles run about every 40 minutes.',
      values: [literal('Scope', 'Sync only assigned users and groups'), literal('Provisioning Status', 'On')],
    },
  ],
  defaultSamlRules: [
    rule(CLAIM.givenName, 'givenName'),
    rule(CLAIM.surname, 'familyName'),
    rule(CLAIM.displayName, 'displayName'),
    rule(CLAIM.emailAddress, 'email'),
    rule(CLAIM.groups, 'groups'),
  ],
};

// Google labels ("Web and mobile apps", "Add custom SAML app", "Google Identity Provider details",
// "Download Metadata", "ACS URL", "Entity ID", "Start URL", "Signed response", "Name ID format",
// "Name ID", "Basic Information > Primary email", "Add mapping", "Group membership", "User access",
// "ON for everyone") checked against Google's pages cited and guides quoting the Admin console.
const GOOGLE_WORKSPACE: IdentityProviderProfileSpec = {
  kind: 'GOOGLE_WORKSPACE',
  name: 'Google Workspace',
  scimSupported: false,
  scimNote:
    "Google Workspace's automatic provisioning speaks SCIM only to the applications in Google's own catalogue, not to a custom SAML app, so it cannot provision this service. Users are created at their first SAML sign-in (provisioning mode SCIM_AND_FIRST_LOGIN or FIRST_LOGIN) and their groups follow the Group membership attribute at every sign-in.",
  nameIdFormat: EMAIL_NAME_ID,
  samlDocsUrls: ['https://support.google.com/a/answer/6087519', 'https://support.google.com/a/answer/11143403'],
  scimDocsUrls: [],
  samlSetup: [
    {
      title: 'Add custom SAML app',
      instructions:
        'In the Google Admin console, go to Apps → Web and mobile apps, click Add app → Add custom SAML app, enter the App name under App details and click Continue.',
      values: [],
    },
    configureStep(
      'GOOGLE_WORKSPACE',
      'On the Google Identity Provider details page, click Download Metadata (or copy the SSO URL, Entity ID and Certificate), then click Continue.',
    ),
    {
      title: 'Service provider details',
      instructions:
        'Enter these values. Leave Signed response unchecked (Google then signs the assertion, which this service requires by default). Choose EMAIL as the Name ID format and Basic Information > Primary email as the Name ID, then click Continue.',
      values: [
        acs('ACS URL'),
        entityId('Entity ID'),
        { label: 'Start URL', key: 'SP_LOGIN_URL' },
        literal('Name ID format', 'EMAIL'),
        literal('Name ID', 'Basic Information > Primary email'),
      ],
    },
    {
      title: 'Attribute mapping',
      instructions:
        'Click Add mapping for each Google Directory attribute and type the App attribute name shown. Under Group membership (optional), pick the Google groups this service should see and type groups as the App attribute: only the groups picked here are sent. Click Finish.',
      values: [
        literal('First name', 'firstName'),
        literal('Last name', 'lastName'),
        literal('Primary email', 'email'),
        literal('Job title', 'title'),
        literal('Department', 'department'),
        literal('Group membership', 'groups'),
      ],
    },
    {
      title: 'User access',
      instructions:
        "Open the app's User access panel and turn the service ON for everyone, or for the organizational units or groups that should sign in, then Save. Changes can take up to 24 hours to reach everyone.",
      values: [literal('Service status', 'ON for everyone')],
    },
  ],
  scimSetup: [],
  defaultSamlRules: [
    rule('firstName', 'givenName'),
    rule('lastName', 'familyName'),
    rule('email', 'email'),
    rule('title', 'title'),
    rule('department', 'department'),
    rule('groups', 'groups'),
  ],
};

// OneLogin's console labels were checked against third-party setup guides that quote them (OneLogin's
// own knowledge base, onelogin.service-now.com, was not in the searchable sources): "SAML Custom
// Connector (Advanced)", "Audience (EntityID)", "Recipient", "ACS (Consumer) URL Validator", "ACS
// (Consumer) URL", "SAML initiator", "SAML nameID format", "SAML signature element", the Parameters
// tab's "Include in SAML assertion" and "Multi-value parameter". The SCIM labels ("SCIM Base URL",
// "SCIM Bearer Token", "Enable provisioning", "SCIM JSON Template") follow OneLogin's SCIM Provisioner
// documentation as we recall it and are NOT verified.
const ONELOGIN: IdentityProviderProfileSpec = {
  kind: 'ONELOGIN',
  name: 'OneLogin',
  scimSupported: true,
  scimNote:
    'Use the "SCIM Provisioner with SAML (SCIM v2 Enterprise)" connector to get SAML and SCIM in one app; the SAML fields are the same as the SAML Custom Connector (Advanced).',
  nameIdFormat: EMAIL_NAME_ID,
  samlDocsUrls: ['https://developers.onelogin.com/saml'],
  scimDocsUrls: ['https://developers.onelogin.com/scim/define-user-schema', 'https://developers.onelogin.com/scim/test-your-scim'],
  samlSetup: [
    {
      title: 'Add App',
      instructions:
        'In the OneLogin admin portal, go to Applications → Applications and click Add App. Search for "SAML Custom Connector (Advanced)" (or, for SCIM too, "SCIM Provisioner with SAML (SCIM v2 Enterprise)"), enter the Display Name and Save.',
      values: [],
    },
    {
      title: 'Configuration',
      instructions:
        'On the Configuration tab, enter these values and Save. The ACS (Consumer) URL Validator is a regular expression that must match the ACS URL.',
      values: [
        entityId('Audience (EntityID)'),
        acs('Recipient'),
        { label: 'ACS (Consumer) URL Validator', key: 'ACS_URL_PATTERN' },
        acs('ACS (Consumer) URL'),
        { label: 'Login URL', key: 'SP_LOGIN_URL' },
        literal('SAML initiator', 'Service Provider'),
        literal('SAML nameID format', 'Email'),
        literal('SAML signature element', 'Assertion'),
      ],
    },
    {
      title: 'Parameters',
      instructions:
        'On the Parameters tab, add a field for each attribute with "Include in SAML assertion" checked and choose its value. For groups, also check "Multi-value parameter" and choose MemberOf (or User Roles) with "Semicolon Delimited input (Multi-value output)".',
      values: [
        literal('email', 'Email'),
        literal('firstName', 'First Name'),
        literal('lastName', 'Last Name'),
        literal('title', 'Title'),
        literal('department', 'Department'),
        literal('memberOf', 'MemberOf'),
      ],
    },
    configureStep(
      'ONELOGIN',
      'Click More Actions → SAML Metadata to download the metadata XML (the SSO tab also shows the Issuer URL, the SAML 2.0 Endpoint (HTTP) and the X.509 Certificate).',
    ),
    {
      title: 'Access',
      instructions: 'On the Access tab (or under Users), give the roles or users who may sign in access to the app.',
      values: [],
    },
  ],
  scimSetup: [
    {
      title: 'Configuration',
      instructions:
        'In a "SCIM Provisioner with SAML (SCIM v2 Enterprise)" app, on the Configuration tab, enter the SCIM base URL and a SCIM token of the organization (createScimToken), keep the default SCIM JSON Template, click Enable under API Connection and Save. On the Parameters tab set both the SAML NameID and the SCIM Username to Email, so that sign-in and provisioning name a person the same way.',
      values: [scimBase('SCIM Base URL'), scimToken('SCIM Bearer Token')],
    },
    {
      title: 'Provisioning',
      instructions:
        'On the Provisioning tab, check Enable provisioning. Choose what happens when a user is deleted in OneLogin or the app is removed: Suspend (this service deactivates the user) rather than Delete. Save.',
      values: [
        literal('Enable provisioning', 'Checked'),
        literal("When users are deleted in OneLogin, or the user's app access is removed, perform the below action", 'Suspend'),
      ],
    },
    {
      title: 'Rules',
      instructions: 'On the Rules tab, add a rule with the action "Set Groups in <app>" to push OneLogin roles or groups as SCIM groups.',
      values: [],
    },
  ],
  defaultSamlRules: [
    rule('firstName', 'givenName'),
    rule('lastName', 'familyName'),
    rule('email', 'email'),
    rule('title', 'title'),
    rule('department', 'department'),
    // with "Multi-value parameter" checked OneLogin sends one AttributeValue per role or group; without
    // it, one value joining them with semicolons (the "Semicolon Delimited input" of the parameter's
    // value setting, as https://www.sonicwall.com/support/technical-documentation/docs/sma_1000-12-5-admin_guide/Content/Appendix/using-saml-custom-connector.htm
    // shows it): splitting at ";" reads both
    { source: 'memberOf', target: 'groups', transforms: [{ kind: 'SPLIT', separator: ';' }] },
  ],
};

// JumpCloud labels checked against JumpCloud's "SSO Application Connector Fields" page
// (https://jumpcloud.com/support/sso-application-connector-fields: "IdP Entity ID", "SP Entity ID",
// "ACS URLs", "SAMLSubject NameID"), its Custom SCIM Identity Management page (Test User and Test
// Group, "Enable management of User Groups and Group Membership in this application") and
// third-party guides quoting the console ("Custom SAML App", "Display Label", "Identity Management",
// "SCIM Version", "Base URL", "Token Key", "Test User Email", "Test Connection", "Activate"). The
// group attribute name "memberOf" is the one those guides use, not verified against JumpCloud's docs.
const JUMPCLOUD: IdentityProviderProfileSpec = {
  kind: 'JUMPCLOUD',
  name: 'JumpCloud',
  scimSupported: true,
  scimNote: null,
  nameIdFormat: EMAIL_NAME_ID,
  samlDocsUrls: ['https://jumpcloud.com/support/sso-application-connector-fields'],
  scimDocsUrls: ['https://jumpcloud.com/support/provision-and-manage-users-and-groups-in-apps-using-custom-scim-identity-management-integration'],
  samlSetup: [
    {
      title: 'Custom SAML App',
      instructions:
        'In the JumpCloud Admin Portal, go to SSO Applications, click + Add New Application, choose Custom Application (Custom SAML App), and enter the Display Label.',
      values: [],
    },
    {
      title: 'SSO',
      instructions:
        'On the SSO tab, enter any unique IdP Entity ID (for example your JumpCloud organization name) and these values. Choose Sign Assertion. With SCIM too, the SAMLSubject NameID must be the attribute JumpCloud sends as the SCIM userName (its username): choose username there unless your JumpCloud usernames are the email addresses.',
      values: [
        literal('IdP Entity ID', 'a unique name of your choice, e.g. jumpcloud-acme'),
        entityId('SP Entity ID'),
        acs('ACS URLs'),
        literal('SAMLSubject NameID', 'email'),
        literal('SAMLSubject NameID Format', EMAIL_NAME_ID),
        literal('Signature Algorithm', 'RSA-SHA256'),
        { label: 'Login URL', key: 'SP_LOGIN_URL' },
      ],
    },
    {
      title: 'Attributes',
      instructions:
        'Under Attributes, add each Service Provider Attribute Name with its JumpCloud Attribute Name, and check "include group attribute" with the name memberOf: JumpCloud then sends the names of the user groups bound to the app.',
      values: [
        literal('email', 'email'),
        literal('firstname', 'firstname'),
        literal('lastname', 'lastname'),
        literal('jobTitle', 'jobTitle'),
        literal('department', 'department'),
        literal('include group attribute', 'memberOf'),
      ],
    },
    configureStep('JUMPCLOUD', 'Click activate, then open the app again and click Export Metadata.'),
    {
      title: 'User Groups',
      instructions: 'On the User Groups tab, bind the user groups whose members may sign in, and Save.',
      values: [],
    },
  ],
  scimSetup: [
    {
      title: 'Identity Management',
      instructions:
        'In the same application, open the Identity Management tab, choose SCIM 2.0 as the SCIM Version, enter the SCIM base URL and a SCIM token of the organization (createScimToken), and the Test User Email of an existing JumpCloud user. Click Test Connection: JumpCloud creates a test user and a test group here and deletes them again.',
      values: [literal('SCIM Version', 'SCIM 2.0'), scimBase('Base URL'), scimToken('Token Key'), literal('Test User Email', 'an existing JumpCloud user')],
    },
    {
      title: 'Group Management',
      instructions:
        'Check "Enable management of User Groups and Group Membership in this application" to push the user groups bound to the app as SCIM groups (a group of the same name here is taken over), click Activate and Save. Users are created when bound, updated on change, and deactivated (active false) when suspended or no longer bound.',
      values: [literal('Enable management of User Groups and Group Membership in this application', 'Checked')],
    },
  ],
  defaultSamlRules: [
    rule('firstname', 'givenName'),
    rule('lastname', 'familyName'),
    rule('email', 'email'),
    rule('jobTitle', 'title'),
    rule('department', 'department'),
    rule('memberOf', 'groups'),
  ],
};

// PingOne labels checked against Ping Identity's "Adding a SAML application" tutorial
// (https://docs.pingidentity.com/r/en-us/pingone/pingone_p1tutorial_add_a_saml_app: "SAML application",
// "Manually enter", "ACS URLs", "Entity ID"), "Creating a SCIM provisioning connection"
// (https://docs.pingidentity.com/r/en-us/pingone/p1_create_scim_connection: "Integrations >
// Provisioning", "New connection", "Identity Store", "SCIM Outbound", "SCIM base URL", "Users
// resource", "SCIM version", "Authentication method", "OAuth 2 Bearer Token", "OAuth Access Token")
// and a third-party guide quoting "Attribute Mappings". NOT verified: the Configuration tab's
// "Subject NameID Format" and signing labels, the "saml_subject" mapping and "Group Names", the
// provisioning rule step ("Configure Preferences", "+ New Rule"; "Remove Action" is the REMOVE_ACTION
// setting of PingOne's API), and the PingFederate names ("SP Connections", "Attribute Contract").
const PING: IdentityProviderProfileSpec = {
  kind: 'PING',
  name: 'PingOne / PingFederate',
  scimSupported: true,
  scimNote:
    'PingOne provisions over its SCIM Outbound connector. PingFederate provisions over SCIM only with the SCIM Connector of its outbound provisioning (a separate download); the SAML side of PingFederate is an SP connection with the same values.',
  nameIdFormat: EMAIL_NAME_ID,
  samlDocsUrls: ['https://docs.pingidentity.com/r/en-us/pingone/pingone_p1tutorial_add_a_saml_app'],
  scimDocsUrls: [
    'https://docs.pingidentity.com/r/en-us/pingone/p1_create_scim_connection',
    'https://docs.pingidentity.com/pingone/integrations/p1_scim_provisioning_features.html',
    'https://docs.pingidentity.com/integrations/scim/setup/pf_scim_connector_scim_connector_settings_reference.html',
  ],
  samlSetup: [
    {
      title: 'Add application',
      instructions:
        'In the PingOne admin console, go to Applications → Applications and click +. Enter the Application name, choose SAML application as the application type and click Configure. (PingFederate: Applications → SP Connections → Create Connection, Browser SSO profile.)',
      values: [],
    },
    {
      title: 'SAML Configuration',
      instructions:
        "Choose Manually enter and enter these values, then Save. (PingFederate: the Partner's Entity ID and, under Protocol Settings, the Assertion Consumer Service URL with the POST binding.)",
      values: [acs('ACS URLs'), entityId('Entity ID')],
    },
    {
      title: 'Configuration',
      instructions: 'On the Configuration tab, click the pencil: choose the email address Subject NameID Format and Sign Assertion, then Save.',
      values: [literal('Subject NameID Format', EMAIL_NAME_ID), literal('Assertion and Response signing', 'Sign Assertion')],
    },
    {
      title: 'Attribute Mappings',
      instructions:
        'On the Attribute Mappings tab, map saml_subject to Email Address and add each attribute with its PingOne attribute. (PingFederate: Assertion Creation → Attribute Contract, the same names.)',
      values: [
        literal('saml_subject', 'Email Address'),
        literal('email', 'Email Address'),
        literal('firstName', 'Given Name'),
        literal('lastName', 'Family Name'),
        literal('title', 'Title'),
        literal('memberOf', 'Group Names'),
      ],
    },
    configureStep(
      'PING',
      'On the Configuration tab, click Download Metadata (the IDP Metadata URL serves the same file) and turn the application on with its toggle.',
    ),
  ],
  scimSetup: [
    {
      title: 'Provisioning',
      instructions:
        'In PingOne, go to Integrations → Provisioning, click + and then New connection. On the Identity Store row click Select, choose SCIM Outbound and click Next, and name the connection. On the Configure authentication panel enter these values (the OAuth Access Token is a SCIM token of the organization, from createScimToken) and test the connection.',
      values: [
        scimBase('SCIM base URL'),
        literal('Users resource', '/Users'),
        literal('SCIM version', '2.0'),
        literal('Authentication method', 'OAuth 2 Bearer Token'),
        scimToken('OAuth Access Token'),
      ],
    },
    {
      title: 'Provisioning rule',
      instructions:
        'Under Configure Preferences, allow users to be created, updated and disabled (Remove Action: Disable), keep userName mapped to the email address, then add a rule (+ New Rule) with the populations or groups to provision and enable it.',
      values: [literal('Remove Action', 'Disable')],
    },
  ],
  defaultSamlRules: [
    rule('firstName', 'givenName'),
    rule('lastName', 'familyName'),
    rule('email', 'email'),
    rule('title', 'title'),
    rule('department', 'department'),
    rule('memberOf', 'groups'),
  ],
};

const GENERIC: IdentityProviderProfileSpec = {
  kind: 'GENERIC',
  name: 'Generic SAML 2.0 / SCIM 2.0',
  scimSupported: true,
  scimNote: 'Any SCIM 2.0 client (RFC 7644) that authenticates with a bearer token; see /scim/v2/ServiceProviderConfig for what this service supports.',
  nameIdFormat: EMAIL_NAME_ID,
  samlDocsUrls: ['https://docs.oasis-open.org/security/saml/v2.0/saml-profiles-2.0-os.pdf'],
  scimDocsUrls: ['https://www.rfc-editor.org/rfc/rfc7644'],
  samlSetup: [
    {
      title: 'Service provider',
      instructions:
        'Give the identity provider our SP metadata URL, or these values: the assertion consumer service (HTTP-POST binding) and the SP entity ID (the audience). Sign the assertion (RSA-SHA256), send the email address as the NameID (emailAddress format), and send attributes named as below.',
      values: [
        { label: 'SP metadata', key: 'SP_METADATA_URL' },
        acs('Assertion Consumer Service URL'),
        entityId('SP entity ID (Audience)'),
        literal('NameID format', EMAIL_NAME_ID),
      ],
    },
    {
      title: 'Attributes',
      instructions: "Send these attribute names (Okta's and Entra ID's default names are both recognized); groups as one attribute value per group name.",
      values: [
        literal('firstName', 'given name'),
        literal('lastName', 'family name'),
        literal('email', 'email address'),
        literal('displayName', 'display name'),
        literal('groups', 'group names'),
      ],
    },
    configureStep('GENERIC', "Get the identity provider's metadata XML."),
  ],
  scimSetup: [
    {
      title: 'SCIM client',
      instructions:
        'Point the SCIM 2.0 client at the base URL and authenticate with a SCIM token of the organization (createScimToken) as a bearer token. userName is the unique key.',
      values: [scimBase('SCIM base URL'), scimToken('Bearer token')],
    },
  ],
  // the defaults from before profiles existed: Okta's and Entra ID's names together
  defaultSamlRules: [
    rule('firstName', 'givenName'),
    rule(CLAIM.givenName, 'givenName'),
    rule('lastName', 'familyName'),
    rule(CLAIM.surname, 'familyName'),
    rule('displayName', 'displayName'),
    rule(CLAIM.displayName, 'displayName'),
    rule('email', 'email'),
    rule(CLAIM.emailAddress, 'email'),
    rule('title', 'title'),
    rule('jobTitle', 'title'),
    rule('department', 'department'),
    rule('groups', 'groups'),
    rule(CLAIM.groups, 'groups'),
  ],
};

/** Every profile, in the order the console lists them. */
export const IDENTITY_PROVIDER_PROFILES: Readonly<Record<IdentityProviderKind, IdentityProviderProfileSpec>> = {
  OKTA,
  ENTRA_ID,
  GOOGLE_WORKSPACE,
  ONELOGIN,
  JUMPCLOUD,
  PING,
  GENERIC,
};
