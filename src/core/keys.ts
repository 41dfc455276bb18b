/**
 * The keys users and groups are unique by and looked up with, used by the services that write them
 * and the queries that read them.
 */

/** The case-folded form used for uniqueness and lookups of userNames, group names and emails. */
export const foldKey = (s: string): string => s.normalize('NFC').toLowerCase();

/**
 * Marks the userName of a history copy that a NEW_USER reactivation keeps (`<userName>#archived-<its
 * id>`, docs/PROVISIONING.md §1.5), in folded form; no other userName may contain it, so queries can
 * tell history copies by it (`historyCopy` filter; SCIM lists leave them out).
 */
export const HISTORY_MARK = '#archived-';
