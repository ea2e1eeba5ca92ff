import { BlockList, isIP } from 'node:net'

/** An address (`127.0.0.1`, `::1`) or a network (`10.0.0.0/8`, `fd00::/8`). */
const entryProblem = (entry: string): string | null => {
  const [address = '', prefix, ...rest] = entry.split('/')
  const family = isIP(address)
  if (family === 0 || rest.length > 0) return `'${entry}' is not an IP address or a network (address/prefix)`
  if (prefix === undefined) return null
  const bits = /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN
  return bits >= 0 && bits <= (family === 4 ? 32 : 128)
    ? null
    : `'${entry}': the prefix must be 0 to ${family === 4 ? 32 : 128}`
}

/**
 * Parses a list of addresses and networks, given as a JSON array or as one comma-separated string;
 * the value is the list joined by commas. An empty list is allowed: it matches nothing.
 */
export function parseAddressList(raw: unknown): { value: string } | { problem: string } {
  const entries =
    typeof raw === 'string'
      ? raw.split(',')
      : Array.isArray(raw) && raw.every((e) => typeof e === 'string')
        ? raw
        : null
  if (entries === null) return { problem: 'must be a list of IP addresses or networks (10.0.0.0/8)' }
  const list = entries.map((e) => e.trim()).filter((e) => e.length > 0)
  const problems = list.map(entryProblem).filter((p) => p !== null)
  return problems.length > 0 ? { problem: problems.join('; ') } : { value: list.join(',') }
}

/** Whether an address (as Node gives it, IPv4-mapped IPv6 included) is in the list. */
export function addressMatcher(list: readonly string[]): (address: string) => boolean {
  const blocks = new BlockList()
  for (const entry of list) {
    const [address = '', prefix] = entry.split('/')
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4'
    if (prefix === undefined) blocks.addAddress(address, type)
    else blocks.addSubnet(address, Number(prefix), type)
  }
  return (address) => {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)
    const plain = mapped ? mapped[1]! : address
    const family = isIP(plain)
    return family !== 0 && blocks.check(plain, family === 6 ? 'ipv6' : 'ipv4')
  }
}
