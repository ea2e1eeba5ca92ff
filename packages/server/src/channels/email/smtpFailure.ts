/**
 * What an SMTP failure means for a message. A 5xx reply to RCPT TO that says the mailbox does
 * not exist (550, 551, 553, or an enhanced status 5.1.x) is a hard bounce: the address is `gone`.
 * Any other 5xx is `failed`. A 4xx reply and a connection that failed or dropped are `retry`:
 * the message is tried again after a back-off.
 */
export type SmtpFailure =
  | { readonly kind: 'gone' | 'failed'; readonly reason: string }
  | { readonly kind: 'retry'; readonly reason: string }

/** The fields nodemailer sets on the errors it rejects with. */
interface NodemailerError {
  readonly code?: string
  readonly responseCode?: number
  readonly response?: string
  readonly command?: string
  readonly message?: string
  readonly rejectedErrors?: readonly NodemailerError[]
}

const connectionCodes = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'EDNS',
  'ETLS',
  'EPROTOCOL',
  'ECONNRESET',
])

export function smtpFailure(error: unknown): SmtpFailure {
  const err = (error ?? {}) as NodemailerError
  // one recipient per message: its refusal is the first rejected error, if nodemailer kept it apart
  const detail = err.rejectedErrors?.[0] ?? err
  const code = detail.responseCode ?? err.responseCode
  const reason = (detail.response ?? err.response ?? detail.message ?? err.message ?? String(error)).trim()
  const command = detail.command ?? err.command
  if (command === 'STARTTLS' && code !== undefined && code >= 500)
    return { kind: 'failed', reason: `the relay does not offer the STARTTLS it must: ${reason}` }
  if (code !== undefined && code >= 500 && code < 600) {
    const atRcpt = command === undefined ? err.code === 'EENVELOPE' : /^RCPT/i.test(command)
    const mailboxUnknown = [550, 551, 553].includes(code) || /\b5\.1\.\d{1,3}\b/.test(reason)
    return { kind: atRcpt && mailboxUnknown ? 'gone' : 'failed', reason }
  }
  if (code !== undefined && code >= 400 && code < 500) return { kind: 'retry', reason }
  if (err.code !== undefined && connectionCodes.has(err.code)) return { kind: 'retry', reason }
  if (err.code === 'EAUTH') return { kind: 'failed', reason }
  return { kind: 'retry', reason }
}
