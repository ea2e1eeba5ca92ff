import { describe, expect, it } from 'vitest'
import type { TaskState } from './Task.ts'
import { taskStates } from './Task.ts'
import type { TaskMoveRefusal } from './taskTransitions.ts'
import { mayChangeTask, moveTask, nextTaskStates, taskPartiesOf } from './taskTransitions.ts'

/** Every pair of states: the move the state machine allows, or why it refuses. */
const expected: Record<TaskState, Record<TaskState, TaskMoveRefusal | 'allowed'>> = {
  open: { open: 'no_change', 'in-progress': 'allowed', done: 'allowed', cancelled: 'allowed' },
  'in-progress': {
    open: 'invalid_transition',
    'in-progress': 'no_change',
    done: 'allowed',
    cancelled: 'allowed',
  },
  done: {
    open: 'allowed',
    'in-progress': 'invalid_transition',
    done: 'no_change',
    cancelled: 'invalid_transition',
  },
  cancelled: {
    open: 'allowed',
    'in-progress': 'invalid_transition',
    done: 'invalid_transition',
    cancelled: 'no_change',
  },
}

const pairs = taskStates.flatMap((from) => taskStates.map((to) => [from, to, expected[from][to]] as const))
const task = (state: TaskState) => ({ state, assigneeOrgId: 'police' })

describe('the task state machine', () => {
  it.each(pairs)('%s → %s by the assignee: %s', (from, to, outcome) => {
    const moved = moveTask(task(from), to, { orgId: 'police', caseOwnerOrgId: 'centre' })
    expect(moved.ok ? 'allowed' : moved.error).toBe(outcome)
    if (moved.ok) expect(moved.value).toBe(to)
  })

  it.each(pairs)("%s → %s by the case's owner: %s", (from, to, outcome) => {
    const moved = moveTask(task(from), to, { orgId: 'centre', caseOwnerOrgId: 'centre' })
    expect(moved.ok ? 'allowed' : moved.error).toBe(outcome)
  })

  it.each(pairs)('%s → %s by an organisation that is neither: not_task_party', (from, to) => {
    expect(moveTask(task(from), to, { orgId: 'fire', caseOwnerOrgId: 'centre' })).toEqual({
      ok: false,
      error: 'not_task_party',
    })
  })

  it('lists the moves from each state as the web offers them', () => {
    expect(taskStates.map((s) => [s, nextTaskStates(s)])).toEqual([
      ['open', ['in-progress', 'done', 'cancelled']],
      ['in-progress', ['done', 'cancelled']],
      ['done', ['open']],
      ['cancelled', ['open']],
    ])
  })

  it('names who the caller is for a task, and lets only them change it', () => {
    expect(taskPartiesOf({ assigneeOrgId: 'centre' }, 'centre', 'centre')).toEqual(['assignee', 'owner'])
    expect(taskPartiesOf({ assigneeOrgId: 'police' }, 'centre', 'fire')).toEqual([])
    expect(mayChangeTask({ assigneeOrgId: 'police' }, 'centre', 'police').ok).toBe(true)
    expect(mayChangeTask({ assigneeOrgId: 'police' }, 'centre', 'fire')).toEqual({
      ok: false,
      error: 'not_task_party',
    })
  })
})
