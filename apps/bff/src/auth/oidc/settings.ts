import { type Role, roles } from '@review-desk/contracts';

/** Single sign-on settings (OIDC_* variables), validated by config.ts. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Where the groups are in the ID token: a claim name, or a dotted path (`realm_access.roles`). */
  rolesClaim: string;
  /** Group to role, in the order the operator wrote them. */
  roleMap: { group: string; role: Role }[];
  /** Shown on the login page: "Sign in with <providerName>". */
  providerName: string;
}

/** Parses `kyc-analysts=analyst,kyc-seniors=senior`; returns the problem as a string when it is malformed. */
export function parseRoleMap(raw: string): OidcSettings['roleMap'] | string {
  const entries: OidcSettings['roleMap'] = [];
  for (const part of raw.split(',')) {
    const item = part.trim();
    if (item === '') continue;
    const at = item.lastIndexOf('=');
    const group = item.slice(0, at).trim();
    const role = item.slice(at + 1).trim();
    if (at <= 0 || group === '') return `"${item}" is not group=role`;
    if (!(roles as readonly string[]).includes(role)) {
      return `"${role}" is not a role (one of ${roles.join(', ')})`;
    }
    if (entries.some((entry) => entry.group === group)) return `group "${group}" is mapped twice`;
    entries.push({ group, role: role as Role });
  }
  if (entries.length === 0) return 'maps no group to a role';
  return entries;
}

const knownFamilies: [RegExp, string][] = [
  [/(^|\.)okta(preview)?\.com$|(^|\.)oktapreview\.com$/, 'Okta'],
  [/^login\.microsoftonline\.(com|us)$|^sts\.windows\.net$/, 'Microsoft'],
  [/^accounts\.google\.com$/, 'Google'],
];

/** A name for the login button when OIDC_PROVIDER_NAME is not set: the provider family, else its host. */
export function defaultProviderName(issuer: string): string {
  const url = new URL(issuer);
  for (const [pattern, name] of knownFamilies) if (pattern.test(url.hostname)) return name;
  if (url.pathname.includes('/realms/')) return 'Keycloak';
  return url.hostname;
}

/** Highest first: a member of several mapped groups gets the role that allows the most. */
const precedence: readonly Role[] = ['admin', 'senior', 'analyst', 'support'];

/** The groups a set of ID token claims names under `rolesClaim` (a string or a list of strings). */
export function groupsIn(claims: Record<string, unknown>, rolesClaim: string): string[] {
  let value: unknown = claims[rolesClaim];
  if (value === undefined && rolesClaim.includes('.')) {
    value = rolesClaim.split('.').reduce<unknown>((node, key) => {
      return node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
    }, claims);
  }
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** The role the groups map to, or null when none of them is mapped. */
export function roleFor(groups: readonly string[], roleMap: OidcSettings['roleMap']): Role | null {
  const mapped = new Set(roleMap.filter((entry) => groups.includes(entry.group)).map((entry) => entry.role));
  return precedence.find((role) => mapped.has(role)) ?? null;
}
