import { ApiError } from './ApiError.ts'
import { idempotencyKey } from './idempotencyKey.ts'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** The 401 codes that mean the browser's session is gone (not a wrong password or code). */
const sessionLostCodes = new Set(['unauthenticated', 'session_expired', 'session_invalid'])

let csrfToken: string | null = null
let onSessionLost: ((code: string) => void) | null = null

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

function errorFrom(status: number, body: unknown): ApiError {
  const error = isRecord(body) ? body.error : undefined
  if (isRecord(error) && typeof error.code === 'string') {
    return new ApiError({
      status,
      code: error.code,
      message: typeof error.message === 'string' ? error.message : error.code,
      ...(typeof error.reason === 'string' ? { reason: error.reason } : {}),
      details: error.details,
    })
  }
  return new ApiError({ status, code: 'unexpected_answer', message: `HTTP ${status}` })
}

/** How long to wait before sending a change again after the network failed. */
const retryDelayMs = 1_000

async function request<T>(method: Method, path: string, body?: unknown, file?: File): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (file !== undefined) {
    headers['content-type'] = file.type || 'application/octet-stream'
    headers['x-filename'] = encodeURIComponent(file.name)
  } else if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken !== null) headers['x-csrf-token'] = csrfToken
  // one key per submission, the same on its retry: the node runs the change once
  if (method !== 'GET') headers['idempotency-key'] = idempotencyKey()
  // the same bytes on the retry: the node compares the body byte for byte
  const payload = file ?? (body === undefined ? undefined : JSON.stringify(body))
  const send = () =>
    fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(payload === undefined ? {} : { body: payload }),
    })
  let response: Response
  try {
    response = await send().catch(async (first: unknown) => {
      // a change whose answer was lost is sent once more with its key; a read is not retried
      if (method === 'GET') throw first
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs))
      return send()
    })
  } catch (cause) {
    throw new ApiError({
      status: 0,
      code: 'network_failed',
      message: cause instanceof Error ? cause.message : 'the request failed',
    })
  }
  if (response.status === 204) return undefined as T
  let parsed: unknown
  try {
    parsed = await response.json()
  } catch {
    throw new ApiError({
      status: response.status,
      code: 'unexpected_answer',
      message: 'the answer is not JSON',
    })
  }
  if (!response.ok) {
    const error = errorFrom(response.status, parsed)
    if (response.status === 401 && sessionLostCodes.has(error.code)) onSessionLost?.(error.code)
    throw error
  }
  // The node's OpenAPI schema is the contract; the answer is not checked again here.
  return parsed as T
}

/**
 * The one way the web shell talks to its node: JSON over HTTP with the session cookie, the
 * CSRF token on every state change, and every refusal thrown as an `ApiError`.
 */
export const apiClient = {
  get: <T>(path: string): Promise<T> => request<T>('GET', path),
  post: <T>(path: string, body?: unknown): Promise<T> => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown): Promise<T> => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown): Promise<T> => request<T>('PATCH', path, body),
  delete: <T = void>(path: string): Promise<T> => request<T>('DELETE', path),
  /** Posts a file as the raw body, with its type and (URI-encoded) name in headers. */
  upload: <T>(path: string, file: File): Promise<T> => request<T>('POST', path, undefined, file),

  /** From `Me.csrfToken`; null once signed out. */
  setCsrfToken(token: string | null): void {
    csrfToken = token
  },

  /** Called when any request finds the session gone, so the shell can show the sign-in page. */
  setSessionLostHandler(handler: ((code: string) => void) | null): void {
    onSessionLost = handler
  },
}
