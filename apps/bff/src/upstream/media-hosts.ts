import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Where media may be fetched from. A provider payload names its media by URL; the proxy fetches only from the
 * providers' media hosts (MEDIA_HOSTS), and never from a private, loopback or link-local address unless that
 * address itself is listed (the embedded sandbox on 127.0.0.1 is). Every address a name resolves to is checked
 * (IPv4-mapped IPv6 included), and the connection goes to the address that was checked.
 */
export interface MediaHostPolicy {
  /** `host`, `host:port` or `*.domain`; an IP address or `localhost` listed here may be private. */
  hosts: readonly string[];
}

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  // NAT64 and 6to4 carry an IPv4 address inside: refuse them rather than decode them.
  ['64:ff9b::', 96],
  ['2002::', 16],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6');
}

/** Whether an address is not on the public internet (IPv4-mapped IPv6 is checked as its IPv4 address). */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const family = isIP(bare);
  if (family === 0) return true;
  return privateRanges.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

const defaultPorts: Record<string, string> = { 'http:': '80', 'https:': '443' };

export class MediaHosts {
  readonly #entries: { host: string; port: string | null; wildcard: boolean }[];

  constructor(policy: MediaHostPolicy) {
    this.#entries = policy.hosts.map((entry) => {
      const parsed = new URL(`http://${entry.replace(/^\*\./, 'wildcard.')}`);
      const wildcard = entry.startsWith('*.');
      return {
        host: wildcard ? parsed.hostname.replace(/^wildcard\./, '') : parsed.hostname,
        port: parsed.port === '' ? null : parsed.port,
        wildcard,
      };
    });
  }

  /**
   * Whether a URL's host is one of the media hosts: null when it is not; otherwise whether private addresses
   * are allowed for it (only when the listed entry is that very address, or localhost).
   */
  match(url: URL): { privateAllowed: boolean } | null {
    const hostname = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    const port = url.port === '' ? (defaultPorts[url.protocol] ?? '') : url.port;
    for (const entry of this.#entries) {
      const entryHost = entry.host.replace(/^\[|\]$/g, '').toLowerCase();
      if (entry.port !== null && entry.port !== port) continue;
      if (entry.wildcard ? hostname.endsWith(`.${entryHost}`) : hostname === entryHost) {
        return { privateAllowed: !entry.wildcard && (isIP(entryHost) !== 0 || entryHost === 'localhost') };
      }
    }
    return null;
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** Resolves every address of a name (dns.lookup with `all`). */
export type ResolveAll = (
  hostname: string,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const resolveWithDns: ResolveAll = (hostname, callback) => dnsLookup(hostname, { all: true }, callback);

/**
 * A `lookup` for the connection (net.connect) that resolves every address of the name and refuses the name
 * when any of them is private, so a name cannot point at the inside of the network (DNS rebinding included:
 * the connection uses the address checked here).
 */
export function publicOnlyLookup(resolve: ResolveAll = resolveWithDns) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    resolve(hostname, (error, addresses) => {
      if (error) return callback(error, []);
      if (addresses.length === 0 || addresses.some((entry) => isPrivateAddress(entry.address))) {
        const refused: NodeJS.ErrnoException = new Error(
          `${hostname} resolves to an address media is not fetched from`,
        );
        refused.code = 'EMEDIAPRIVATE';
        return callback(refused, []);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      return callback(null, first?.address ?? '', first?.family);
    });
  };
}
