/**
 * One bare address, `local@domain` (RFC 5321's dot-atom local part, a domain of LDH labels, IDNs
 * in their `xn--` form): no name, no list, no comment, no space or line break. The e-mail channel
 * sends only to such an address, so that no text given as an address can add a recipient.
 */
const pattern =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/

export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && text.indexOf('@') <= 64 && pattern.test(text)
}
