import { readFileSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import { describe, expect, it } from 'vitest'

const source = readFileSync(new URL('../../packages/web/public/alert-sw.js', import.meta.url), 'utf8')

type Listener = (event: Record<string, unknown>) => void

/** The service worker's script run in a context with the few browser objects it uses. */
function loadWorker(openWindows: { url: string; focused: boolean }[] = []) {
  const listeners = new Map<string, Listener>()
  const shown: { title: string; options: Record<string, unknown> }[] = []
  const opened: string[] = []
  const self = {
    location: new URL('https://alert.example.org/alert-sw.js'),
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
    skipWaiting: () => undefined,
    registration: {
      showNotification: (title: string, options: Record<string, unknown>) => {
        shown.push({ title, options })
        return Promise.resolve()
      },
    },
    clients: {
      claim: () => Promise.resolve(),
      matchAll: () =>
        Promise.resolve(
          openWindows.map((w) => ({ url: w.url, focus: () => Promise.resolve((w.focused = true)) })),
        ),
      openWindow: (url: string) => Promise.resolve(opened.push(url)),
    },
  }
  runInNewContext(source, { self, URL })
  const dispatch = async (type: string, event: Record<string, unknown>) => {
    const waits: Promise<unknown>[] = []
    listeners.get(type)!({ ...event, waitUntil: (p: Promise<unknown>) => waits.push(p) })
    await Promise.all(waits)
  }
  const push = (data: unknown) =>
    dispatch('push', {
      data:
        data === undefined
          ? null
          : {
              json: () => (typeof data === 'string' ? JSON.parse(data) : data) as unknown,
              text: () => (typeof data === 'string' ? data : JSON.stringify(data)),
            },
    })
  return { listeners, shown, opened, dispatch, push }
}

describe('the alert service worker (packages/web/public/alert-sw.js)', () => {
  it('shows a pushed alert with its title, body, language and direction, and opens its page on click', async () => {
    const worker = loadWorker()
    expect([...worker.listeners.keys()].sort()).toEqual(['activate', 'install', 'notificationclick', 'push'])
    await worker.push({
      title: 'Alerte : Liège',
      body: 'Restez à l’intérieur.',
      url: 'https://alert.example.org/alerts/1',
      lang: 'fr',
      dir: 'ltr',
    })
    expect(worker.shown).toEqual([
      {
        title: 'Alerte : Liège',
        options: {
          body: 'Restez à l’intérieur.',
          lang: 'fr',
          dir: 'ltr',
          requireInteraction: true,
          tag: 'https://alert.example.org/alerts/1',
          renotify: true,
          data: { url: 'https://alert.example.org/alerts/1' },
        },
      },
    ])
    let closed = false
    const notification = { data: worker.shown[0]!.options['data'], close: () => (closed = true) }
    await worker.dispatch('notificationclick', { notification })
    expect(closed).toBe(true)
    expect(worker.opened).toEqual(['https://alert.example.org/alerts/1'])
  })

  it('focuses the alert’s page when it is already open instead of opening another', async () => {
    const windows = [{ url: 'https://alert.example.org/alerts/1', focused: false }]
    const worker = loadWorker(windows)
    await worker.dispatch('notificationclick', {
      notification: { data: { url: 'https://alert.example.org/alerts/1' }, close: () => undefined },
    })
    expect(windows[0]!.focused).toBe(true)
    expect(worker.opened).toEqual([])
  })

  it('shows something sensible for a payload that is text, empty, or of the wrong types, and never opens a javascript: address', async () => {
    const worker = loadWorker()
    await worker.push('not json')
    await worker.push(undefined)
    await worker.push({ title: 7, body: ['x'], url: 'javascript:alert(1)', dir: 'sideways' })
    expect(
      worker.shown.map((s) => [s.title, s.options['body'], s.options['dir'], s.options['data']]),
    ).toEqual([
      ['alert.example.org', 'not json', 'auto', { url: '' }],
      ['alert.example.org', '', 'auto', { url: '' }],
      ['alert.example.org', '', 'auto', { url: '' }],
    ])
    await worker.dispatch('notificationclick', {
      notification: { data: { url: '' }, close: () => undefined },
    })
    expect(worker.opened).toEqual([])
  })
})
