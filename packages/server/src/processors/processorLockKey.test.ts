import { describe, expect, it } from 'vitest'
import { sequencerBatchLock, sequencerLeaderLock } from '../store/events/sequenceBatch.ts'
import { processorLockKey } from './processorLockKey.ts'

describe('processorLockKey', () => {
  it('gives each name its own safe-integer key, apart from the sequencer locks', () => {
    const keys = ['notifications', 'federation', 'dispatch', 'feed'].map(processorLockKey)
    expect(new Set(keys).size).toBe(4)
    for (const key of keys) {
      expect(Number.isSafeInteger(key)).toBe(true)
      expect(key).not.toBe(sequencerLeaderLock)
      expect(key).not.toBe(sequencerBatchLock)
    }
    expect(processorLockKey('notifications')).toBe(processorLockKey('notifications'))
  })
})
