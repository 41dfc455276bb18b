/**
 * The provisioning policy's decisions as pure functions (src/core/services/policy-decisions.ts), one
 * describe per section of docs/PROVISIONING.md; no database. The services that act on them are
 * tested end to end in test/policy.*.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../src/core/errors.js';
import { DEFAULT_POLICY, type PolicyValues } from '../../src/core/org-config.js';
import {
  deactivationEffects,
  effectiveRole,
  emailDomainOf,
  enforce,
  groupGrantsRole,
  groupsLeftOutOfSamlSync,
  mayCreateUser,
  mayGroupPushCreate,
  mayProvisionAtFirstSignIn,
  mayReactivateAsNewUser,
  maySetSeatLimit,
  maySignIn,
  mayTakeSeat,
  mayWriteAttribute,
  maxRole,
  reactivationBranch,
  rePostOfDeactivated,
  roleFromRules,
  samlGroupSync,
  seatsCounted,
  type Decision,
} from '../../src/core/services/policy-decisions.js';

const policy = (p: Partial<PolicyValues> = {}): PolicyValues => ({ ...DEFAULT_POLICY, ...p });

/** The refusal's code and reason, or 'allowed'. */
const outcome = (d: Decision) => (d.allowed ? 'allowed' : `${d.code} ${d.reason}`);

describe('§1.1 modes: who may create users', () => {
  it('SCIM creates in SCIM and SCIM_AND_FIRST_LOGIN, and is refused in FIRST_LOGIN', () => {
    assert.equal(outcome(mayCreateUser(policy({ mode: 'SCIM' }), 'SCIM')), 'allowed');
    assert.equal(outcome(mayCreateUser(policy({ mode: 'SCIM_AND_FIRST_LOGIN' }), 'SCIM')), 'allowed');
    assert.equal(outcome(mayCreateUser(policy({ mode: 'FIRST_LOGIN' }), 'SCIM')), 'FORBIDDEN policy.mode.scimCreateDisabled');
  });

  it('the mode does not limit the API or SAML-mapped provisioning', () => {
    for (const mode of ['SCIM', 'FIRST_LOGIN', 'SCIM_AND_FIRST_LOGIN'] as const) {
      assert.equal(outcome(mayCreateUser(policy({ mode }), 'API')), 'allowed');
      assert.equal(outcome(mayCreateUser(policy({ mode }), 'SAML')), 'allowed');
    }
  });

  it('a first sign-in creates the user unless the mode is SCIM', () => {
    const someone = { userName: 'ana@example.com' };
    assert.equal(outcome(mayProvisionAtFirstSignIn(policy({ mode: 'FIRST_LOGIN' }), someone)), 'allowed');
    assert.equal(outcome(mayProvisionAtFirstSignIn(policy({ mode: 'SCIM_AND_FIRST_LOGIN' }), someone)), 'allowed');
    assert.equal(outcome(mayProvisionAtFirstSignIn(policy({ mode: 'SCIM' }), someone)), 'FORBIDDEN signIn.unknownUser');
  });

  it('mode SCIM refuses before the domains are looked at', () => {
    assert.equal(
      outcome(mayProvisionAtFirstSignIn(policy({ mode: 'SCIM', allowedEmailDomains: ['example.com'] }), { userName: 'x@other.org' })),
      'FORBIDDEN signIn.unknownUser',
    );
  });
});

describe('§1.2 a deactivated user never signs in', () => {
  it('refuses a deactivated user, naming it by id only', () => {
    const d = maySignIn({ id: 'u-1', active: false });
    assert.equal(outcome(d), 'FORBIDDEN signIn.userDeactivated');
    assert.ok(!d.allowed);
    assert.deepEqual(d.details, { userId: 'u-1' });
    assert.equal(outcome(maySignIn({ id: 'u-1', active: true })), 'allowed');
  });
});

describe('§1.3 allowed email domains', () => {
  const domains = policy({ allowedEmailDomains: ['example.com', 'corp.example'] });

  it('reads the domain of the userName, else of the primary email, else of any email', () => {
    assert.equal(emailDomainOf({ userName: 'Ana@Example.COM', emails: [{ value: 'ana@other.org', primary: true }] }), 'example.com');
    assert.equal(emailDomainOf({ userName: 'ana', emails: [{ value: 'a@second.org' }, { value: 'a@Primary.org', primary: true }] }), 'primary.org');
    assert.equal(emailDomainOf({ userName: 'ana', emails: [{ value: 'a@only.org' }] }), 'only.org');
    assert.equal(emailDomainOf({ userName: 'ana', emails: null }), null);
    assert.equal(emailDomainOf({ userName: 'ana@' }), null);
  });

  it('creates someone of an allowed domain, refuses others and those without one', () => {
    assert.equal(outcome(mayProvisionAtFirstSignIn(domains, { userName: 'ana@corp.example' })), 'allowed');
    assert.equal(outcome(mayProvisionAtFirstSignIn(domains, { userName: 'ana', emails: [{ value: 'ana@example.com', primary: true }] })), 'allowed');
    const other = mayProvisionAtFirstSignIn(domains, { userName: 'ana@evil.org' });
    assert.equal(outcome(other), 'FORBIDDEN signIn.domainNotAllowed');
    assert.ok(!other.allowed);
    assert.deepEqual(other.details, { domain: 'evil.org' });
    assert.equal(other.message, 'first sign-in from @evil.org is not allowed (allowed: example.com, corp.example)');
    const none = mayProvisionAtFirstSignIn(domains, { userName: 'ana' });
    assert.ok(!none.allowed);
    assert.deepEqual(none.details, { domain: null });
    assert.match(none.message, /an address without a domain/);
  });

  it('a subdomain is not its parent domain', () => {
    assert.equal(outcome(mayProvisionAtFirstSignIn(domains, { userName: 'ana@mail.example.com' })), 'FORBIDDEN signIn.domainNotAllowed');
  });

  it('an empty list allows any domain, or none', () => {
    assert.equal(outcome(mayProvisionAtFirstSignIn(policy(), { userName: 'ana' })), 'allowed');
    assert.equal(outcome(mayProvisionAtFirstSignIn(policy(), { userName: 'ana@anywhere.org' })), 'allowed');
  });
});

describe('§1.4 deactivation', () => {
  it('removes memberships only when the policy says so', () => {
    assert.deepEqual(deactivationEffects(policy()), { removeMemberships: false });
    assert.deepEqual(deactivationEffects(policy({ deactivationRemovesMemberships: true })), { removeMemberships: true });
  });
});

describe('§1.5 reactivation', () => {
  it('is the policy branch only when an inactive user is activated', () => {
    const inactive = { active: false };
    assert.equal(reactivationBranch(policy(), inactive, true), 'RESTORE');
    assert.equal(reactivationBranch(policy({ reactivation: 'NEW_USER' }), inactive, true), 'NEW_USER');
    assert.equal(reactivationBranch(policy({ reactivation: 'NEW_USER' }), inactive, false), null);
    // reactivating an active user changes nothing: a repeated reactivation keeps one history copy
    assert.equal(reactivationBranch(policy({ reactivation: 'NEW_USER' }), { active: true }, true), null);
  });

  it('a history copy cannot be reactivated as a new user', () => {
    assert.equal(outcome(mayReactivateAsNewUser({ historyCopy: true })), 'CONFLICT user.archived');
    assert.equal(outcome(mayReactivateAsNewUser({ historyCopy: false })), 'allowed');
  });

  it('a SCIM re-POST of the one deactivated match brings it back, reactivated unless it says active: false', () => {
    const gone = [{ id: 'u-1', active: false }];
    assert.deepEqual(rePostOfDeactivated('SCIM', gone, undefined), { userId: 'u-1', activate: true });
    assert.deepEqual(rePostOfDeactivated('SCIM', gone, true), { userId: 'u-1', activate: true });
    assert.deepEqual(rePostOfDeactivated('SCIM', gone, false), { userId: 'u-1', activate: false });
  });

  it('any other create is an ordinary one (and conflicts with a match)', () => {
    assert.equal(rePostOfDeactivated('SCIM', [], undefined), null);
    assert.equal(rePostOfDeactivated('SCIM', [{ id: 'u-1', active: true }], undefined), null);
    // userName and externalId name two different users
    assert.equal(
      rePostOfDeactivated(
        'SCIM',
        [
          { id: 'u-1', active: false },
          { id: 'u-2', active: false },
        ],
        undefined,
      ),
      null,
    );
    assert.equal(rePostOfDeactivated('SAML', [{ id: 'u-1', active: false }], undefined), null);
    assert.equal(rePostOfDeactivated('API', [{ id: 'u-1', active: false }], undefined), null);
  });
});

describe('§1.6 seat limit', () => {
  it('counts nothing without a limit', () => {
    assert.equal(seatsCounted(policy()), false);
    assert.equal(seatsCounted(policy({ seatLimit: 0 })), true);
    assert.equal(outcome(mayTakeSeat(policy(), 1_000_000)), 'allowed');
  });

  it('lets the count reach the limit and no further', () => {
    assert.equal(outcome(mayTakeSeat(policy({ seatLimit: 3 }), 2)), 'allowed');
    const full = mayTakeSeat(policy({ seatLimit: 3 }), 3);
    assert.equal(outcome(full), 'SEAT_LIMIT policy.seatLimit.reached');
    assert.ok(!full.allowed);
    assert.deepEqual(full.details, { seatLimit: 3 });
    assert.equal(outcome(mayTakeSeat(policy({ seatLimit: 0 }), 0)), 'SEAT_LIMIT policy.seatLimit.reached');
  });

  it('a new limit may equal the active users, not fall below them', () => {
    assert.equal(outcome(maySetSeatLimit(5, 5)), 'allowed');
    assert.equal(outcome(maySetSeatLimit(10, 5)), 'allowed');
    const below = maySetSeatLimit(4, 5);
    assert.equal(outcome(below), 'CONFLICT policy.seatLimit.belowUsage');
    assert.ok(!below.allowed);
    assert.deepEqual(below.details, { field: 'seatLimit', activeUsers: 5 });
  });
});

describe('§1.7 group push', () => {
  it('creates unknown members only when the policy lets it', () => {
    assert.equal(outcome(mayGroupPushCreate(policy(), 'SCIM', [])), 'allowed');
    assert.equal(outcome(mayGroupPushCreate(policy({ groupPushProvisionsMembers: true }), 'SCIM', ['a', 'b'])), 'allowed');
    const refused = mayGroupPushCreate(policy(), 'SCIM', ['a', 'b', 'c', 'd']);
    assert.equal(outcome(refused), 'FORBIDDEN policy.groupPush.provisioningDisabled');
    assert.ok(!refused.allowed);
    assert.match(refused.message, /\(4 unknown: a, b, c\)/);
    assert.deepEqual(refused.details, { userNames: ['a', 'b', 'c', 'd'] });
  });

  it('creates no member through SCIM in mode FIRST_LOGIN, as a SCIM create would not (§1.1); an API key still may', () => {
    const firstLogin = policy({ mode: 'FIRST_LOGIN', groupPushProvisionsMembers: true });
    assert.equal(outcome(mayGroupPushCreate(firstLogin, 'SCIM', ['a'])), 'FORBIDDEN policy.mode.scimCreateDisabled');
    assert.equal(outcome(mayGroupPushCreate(firstLogin, 'SCIM', [])), 'allowed');
    assert.equal(outcome(mayGroupPushCreate(firstLogin, 'API', ['a'])), 'allowed');
  });

  it('names at most 20 of the unknown members in the details', () => {
    const names = Array.from({ length: 25 }, (_, i) => `u${i}`);
    const d = mayGroupPushCreate(policy(), 'SCIM', names);
    assert.ok(!d.allowed);
    assert.deepEqual(d.details.userNames, names.slice(0, 20));
  });
});

describe('§3 roles', () => {
  it('rank VIEWER < MEMBER < EDITOR < ADMIN', () => {
    assert.equal(maxRole('VIEWER', 'MEMBER'), 'MEMBER');
    assert.equal(maxRole('ADMIN', 'EDITOR'), 'ADMIN');
    assert.equal(maxRole('EDITOR', 'EDITOR'), 'EDITOR');
  });

  it('the rules grant the highest role of the groups a user is in', () => {
    const rules = [
      { groupId: 'g-editors', role: 'EDITOR' },
      { groupId: 'g-admins', role: 'ADMIN' },
      { groupId: 'g-viewers', role: 'VIEWER' },
    ];
    assert.equal(roleFromRules(rules, []), null);
    assert.equal(roleFromRules(rules, ['g-other']), null);
    assert.equal(roleFromRules(rules, ['g-viewers']), 'VIEWER');
    assert.equal(roleFromRules(rules, ['g-viewers', 'g-editors']), 'EDITOR');
    assert.equal(roleFromRules(rules, ['g-editors', 'g-admins']), 'ADMIN');
    assert.equal(roleFromRules([], ['g-admins']), null);
  });

  it('the effective role is the higher of the base role and what groups grant', () => {
    assert.equal(effectiveRole('MEMBER', null), 'MEMBER');
    assert.equal(effectiveRole('MEMBER', 'ADMIN'), 'ADMIN');
    assert.equal(effectiveRole('EDITOR', 'VIEWER'), 'EDITOR');
  });

  it('deleting a group re-evaluates roles only when a rule names it', () => {
    const p = policy({ groupRoleRules: [{ groupId: 'g-1', role: 'ADMIN' }] });
    assert.equal(groupGrantsRole(p, 'g-1'), true);
    assert.equal(groupGrantsRole(p, 'g-2'), false);
    assert.equal(groupGrantsRole(policy(), 'g-1'), false);
  });
});

describe('§4.4 precedence: which source wins an attribute', () => {
  const sync = (source: 'SCIM' | 'SAML' | 'API') => ({ source, explicit: false });

  it('with the default [SCIM, API, SAML], SAML never overwrites what SCIM owns, and SCIM overwrites SAML', () => {
    const p = policy();
    assert.equal(mayWriteAttribute(p, sync('SAML'), 'SCIM'), false);
    assert.equal(mayWriteAttribute(p, sync('SAML'), 'API'), false);
    assert.equal(mayWriteAttribute(p, sync('SCIM'), 'SAML'), true);
    assert.equal(mayWriteAttribute(p, sync('SCIM'), 'API'), true);
  });

  it('a source overwrites itself, and anyone writes an attribute no one owns', () => {
    assert.equal(mayWriteAttribute(policy(), sync('SAML'), 'SAML'), true);
    assert.equal(mayWriteAttribute(policy(), sync('SAML'), undefined), true);
  });

  it("an administrator's explicit edit always applies", () => {
    assert.equal(mayWriteAttribute(policy({ attributePrecedence: ['SCIM', 'SAML', 'API'] }), { source: 'API', explicit: true }, 'SCIM'), true);
  });

  it('follows the order the policy sets', () => {
    const samlFirst = policy({ attributePrecedence: ['SAML', 'SCIM', 'API'] });
    assert.equal(mayWriteAttribute(samlFirst, sync('SAML'), 'SCIM'), true);
    assert.equal(mayWriteAttribute(samlFirst, sync('SCIM'), 'SAML'), false);
  });
});

describe('§4.5 SAML group sync', () => {
  it('leaves SCIM-pushed groups to SCIM while SCIM outranks SAML', () => {
    assert.deepEqual(groupsLeftOutOfSamlSync(policy()), ['SCIM']);
    assert.deepEqual(groupsLeftOutOfSamlSync(policy({ attributePrecedence: ['API', 'SCIM', 'SAML'] })), ['SCIM']);
    assert.deepEqual(groupsLeftOutOfSamlSync(policy({ attributePrecedence: ['SAML', 'SCIM', 'API'] })), []);
    // groups created through the API are SAML's even though the API outranks SAML
    assert.deepEqual(groupsLeftOutOfSamlSync(policy({ attributePrecedence: ['API', 'SAML', 'SCIM'] })), []);
  });

  it('follows the asserted names; an empty attribute means none', () => {
    assert.deepEqual(samlGroupSync({ groups: ['Eng', 'Ops'] }, false), { names: ['Eng', 'Ops'] });
    assert.deepEqual(samlGroupSync({ groups: [] }, true), { names: [] });
    assert.deepEqual(samlGroupSync({ groupsMissing: 'empty' }, true), { names: [], missing: 'empty' });
  });

  it('an absent attribute means none, unless the connection keeps memberships then', () => {
    assert.deepEqual(samlGroupSync({ groupsMissing: 'absent' }, false), { names: [], missing: 'absent' });
    assert.equal(samlGroupSync({ groupsMissing: 'absent' }, true), null);
  });

  it('no rule targeting groups: memberships are left alone', () => {
    assert.equal(samlGroupSync({}, false), null);
  });
});

describe('enforce', () => {
  it('passes an allowed decision and throws a refusal as the AppError the API answers with', () => {
    enforce(mayTakeSeat(policy(), 1));
    assert.throws(
      () => enforce(mayTakeSeat(policy({ seatLimit: 1 }), 1)),
      (err: unknown) => err instanceof AppError && err.code === 'SEAT_LIMIT' && err.reason === 'policy.seatLimit.reached' && err.details.seatLimit === 1,
    );
  });
});
