/**
 * What we wait for receipts of, by the message_id the SMSC answered a submit with. Many SMSCs
 * answer in hexadecimal and write the receipt's id in decimal (or the other way round), padded
 * or not: an id not found as it is, is looked up by its value read in the other base.
 */
export class MessageIdIndex<T> {
  private readonly exact = new Map<string, T>()
  /** The answered id read as hexadecimal, then as decimal, to the id itself. */
  private readonly asHex = new Map<bigint, string>()
  private readonly asDecimal = new Map<bigint, string>()

  get size(): number {
    return this.exact.size
  }

  set(id: string, value: T): void {
    this.exact.set(id, value)
    const hex = hexValue(id)
    if (hex !== null) this.asHex.set(hex, id)
    const decimal = decimalValue(id)
    if (decimal !== null) this.asDecimal.set(decimal, id)
  }

  /** The id as it was answered, for an id as a receipt wrote it; undefined when unknown. */
  find(id: string): string | undefined {
    if (this.exact.has(id)) return id
    const decimal = decimalValue(id)
    const fromDecimal = decimal === null ? undefined : this.asHex.get(decimal)
    if (fromDecimal !== undefined) return fromDecimal
    const hex = hexValue(id)
    return hex === null ? undefined : this.asDecimal.get(hex)
  }

  get(id: string): T | undefined {
    return this.exact.get(id)
  }

  delete(id: string): void {
    if (!this.exact.delete(id)) return
    const hex = hexValue(id)
    if (hex !== null && this.asHex.get(hex) === id) this.asHex.delete(hex)
    const decimal = decimalValue(id)
    if (decimal !== null && this.asDecimal.get(decimal) === id) this.asDecimal.delete(decimal)
  }
}

function hexValue(id: string): bigint | null {
  return /^[0-9a-f]{1,32}$/i.test(id) ? BigInt(`0x${id}`) : null
}

function decimalValue(id: string): bigint | null {
  return /^\d{1,40}$/.test(id) ? BigInt(id) : null
}
