import type { Command } from 'commander'
import type { DistributionKind, EventStatus, Peer, Tlp } from '@liaison/core'
import {
  eventStatuses,
  peerDistributionKinds,
  peerPublicKeyBytes,
  refusalError,
  tlpLevels,
} from '@liaison/core'
import type { ForeignOrganisation, NodeDocumentProblem } from '@liaison/server'
import {
  addPeer,
  checkNodeDocument,
  describeNodeDocumentProblem,
  fetchNodeDocument,
  findPeer,
  listForeignOrganisations,
  listPeers,
  listPendingPeerKeys,
  nodeSigningCrypto,
  removePeer,
  takePeerKey,
} from '@liaison/server'
import { InvalidArgumentError } from 'commander'
import type { CliContext } from '../CliContext.ts'
import { withConfigFlags } from '../configFlags.ts'
import { operator, withStore } from './cliStore.ts'
import { loadCliConfig } from './loadCliConfig.ts'

/** A comma-separated list of values from `allowed`. */
function listOf<T extends string>(allowed: readonly T[], what: string) {
  return (value: string): T[] => {
    const items = value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v.length > 0)
    const wrong = items.filter((v) => !(allowed as readonly string[]).includes(v))
    if (wrong.length > 0 || items.length === 0)
      throw new InvalidArgumentError(`${what} must be a comma-separated list of ${allowed.join(', ')}`)
    return items as T[]
  }
}

/** The configuration from the flags, without the command's own --url (it names the peer's). */
function configOf(context: CliContext, options: Record<string, unknown>) {
  const { url: _url, ...rest } = options
  return loadCliConfig(context, rest)
}

const policyLine = (p: Peer) =>
  `statuses ${p.statuses.join(',')}; TLP ${p.tlp.join(',')}; distributions ${p.distributions.join(',')}`

function peerJson(p: Peer, organisations?: readonly ForeignOrganisation[]) {
  return {
    ...p,
    addedAt: p.addedAt.toISOString(),
    changedAt: p.changedAt.toISOString(),
    keys: p.keys.map((k) => ({
      ...k,
      addedAt: k.addedAt.toISOString(),
      retiredAt: k.retiredAt?.toISOString() ?? null,
    })),
    ...(organisations
      ? { organisations: organisations.map((o) => ({ ...o, receivedAt: o.receivedAt.toISOString() })) }
      : {}),
  }
}

export function peerCommand(program: Command, context: CliContext): void {
  const peer = program
    .command('peer')
    .description('the nodes this node trusts: their URL, public key and what they may receive')

  withConfigFlags(
    peer
      .command('add')
      .description(
        'add a peer (as the operator at this machine); nothing is accepted from a node that is not one',
      )
      .requiredOption('--id <id>', "the peer's node id: nl, lu")
      .option('--url <url>', "the peer's base URL: https://liaison.nl.example")
      .option(
        '--from-url <url>',
        "fetch the peer's signed node document there, check it against --public-key, keep its organisations",
      )
      .requiredOption(
        '--public-key <key>',
        "the peer's Ed25519 public key (base64, as its `liaison node key` prints it, or base64url)",
      )
      .option('--key-id <keyId>', 'the key id, to check: the first 16 hex of the SHA-256 of the key')
      .option(
        '--statuses <list>',
        `what it may receive: ${eventStatuses.join(',')}`,
        listOf(eventStatuses, 'statuses'),
        ['actual', 'exercise'],
      )
      .option('--tlp <list>', `TLP labels it may receive: ${tlpLevels.join(',')}`, listOf(tlpLevels, 'tlp'), [
        ...tlpLevels,
      ])
      .option(
        '--distributions <list>',
        `distribution kinds it may receive: ${peerDistributionKinds.join(',')}`,
        listOf(peerDistributionKinds, 'distributions'),
        [...peerDistributionKinds],
      ),
    ['--url'],
  ).action(async (options: Record<string, unknown>) => {
    const config = configOf(context, options)
    const fromUrl = typeof options['fromUrl'] === 'string' ? options['fromUrl'] : null
    const baseUrl = fromUrl ?? (typeof options['url'] === 'string' ? options['url'] : null)
    if (baseUrl === null) throw new InvalidArgumentError("give the peer's --url (or --from-url)")
    const document = fromUrl === null ? undefined : await fetchNodeDocument(fromUrl)
    const added = await withStore(context, config, (deps) =>
      addPeer(deps, {
        peer: {
          nodeId: String(options['id']),
          baseUrl,
          publicKey: String(options['publicKey']),
          keyId: typeof options['keyId'] === 'string' ? options['keyId'] : null,
          statuses: options['statuses'] as EventStatus[],
          tlp: options['tlp'] as Tlp[],
          distributions: options['distributions'] as DistributionKind[],
        },
        caller: operator(context),
        source: 'cli',
        ...(document ? { document } : {}),
      }),
    )
    const p = added.peer
    context.out.write(
      `added peer ${p.nodeId} at ${p.baseUrl} with key ${p.keys[0]?.keyId ?? '?'}; it may receive ${policyLine(p)}\n`,
    )
    if (document)
      context.out.write(`its node document verifies; kept ${added.organisations} organisation(s)\n`)
  })

  withConfigFlags(
    peer.command('list').description('list the peers, one line each').option('--json', 'print JSON'),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const [peers, orgs] = await withStore(context, config, (deps) =>
      Promise.all([listPeers(deps.store.db), listForeignOrganisations(deps.store.db)]),
    )
    if (options['json']) {
      context.out.write(
        `${JSON.stringify(
          peers.map((p) => peerJson(p)),
          null,
          2,
        )}\n`,
      )
      return
    }
    if (peers.length === 0) context.out.write('no peers configured\n')
    for (const p of peers) {
      const current = p.keys.find((k) => k.retiredAt === null)?.keyId ?? 'none'
      const count = orgs.filter((o) => o.nodeId === p.nodeId).length
      context.out.write(
        `${p.nodeId}  ${p.baseUrl}  key ${current}  ${policyLine(p)}  ${count} organisation(s)\n`,
      )
    }
  })

  withConfigFlags(
    peer
      .command('show')
      .description("show a peer, its keys and organisations, and check its URL's node document")
      .requiredOption('--id <id>', "the peer's node id")
      .option('--json', 'print JSON'),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const id = String(options['id'])
    const found = await withStore(context, config, async (deps) => {
      const p = await findPeer(deps.store.db, id)
      return p
        ? {
            peer: p,
            organisations: await listForeignOrganisations(deps.store.db, id),
            pending: (await listPendingPeerKeys(deps.store.db, id))[0] ?? null,
          }
        : null
    })
    if (!found) throw refusalError('peer_unknown', `no peer '${id}' is configured`)
    const { peer: p, organisations, pending } = found
    const problems = p.keys
      .filter((k) => peerPublicKeyBytes(k.publicKey) === null)
      .map((k) => `problem: key ${k.keyId} is malformed (not a 32-byte Ed25519 key)`)
    const fetched = await fetchNodeDocument(p.baseUrl)
    let check: string
    let problem: NodeDocumentProblem | null = null
    if (!fetched.ok) {
      check = `not checked: ${describeNodeDocumentProblem(fetched.error)}`
    } else {
      const checked = await checkNodeDocument(
        fetched.value,
        { nodeId: p.nodeId, keys: new Map(p.keys.map((k) => [k.keyId, k.publicKey])) },
        nodeSigningCrypto(null),
      )
      if (checked.ok)
        check = `checked: the node document at ${p.baseUrl} verifies with key ${checked.value.sig.keyId}`
      else {
        problem = checked.error
        check = `problem: ${describeNodeDocumentProblem(checked.error)}`
      }
    }
    if (problem !== null || problems.length > 0) context.exitCode = 65
    if (options['json']) {
      context.out.write(
        `${JSON.stringify(
          {
            ...peerJson(p, organisations),
            pendingKey: pending
              ? {
                  keyId: pending.keyId,
                  publicKey: pending.publicKey,
                  previousKeyId: pending.previousKeyId,
                  rotatedAt: pending.rotatedAt.toISOString(),
                  receivedAt: pending.receivedAt.toISOString(),
                }
              : null,
            check: [...problems, check],
          },
          null,
          2,
        )}\n`,
      )
      return
    }
    const lines = [
      `peer ${p.nodeId}`,
      `url: ${p.baseUrl}`,
      `may receive: ${policyLine(p)}`,
      `added ${p.addedAt.toISOString()} by ${p.addedBy}; changed ${p.changedAt.toISOString()} by ${p.changedBy}`,
      ...p.keys.map(
        (k) =>
          `key ${k.keyId} ${k.retiredAt ? `(retired ${k.retiredAt.toISOString()})` : '(current)'}: ${k.publicKey}`,
      ),
      ...(pending
        ? [
            `pending key ${pending.keyId}: ${pending.publicKey} (announced ${pending.rotatedAt.toISOString()}, signed with key ${pending.previousKeyId}; take it with \`liaison peer take-key --id ${p.nodeId}\`)`,
          ]
        : []),
      `organisations: ${organisations.length === 0 ? 'none received yet' : organisations.length}`,
      ...organisations.map(
        (o) =>
          `  ${o.code}  ${o.kind}  ${o.country}  ${o.languages.join(',')}  ${o.name} (version ${o.version})`,
      ),
      ...problems,
      check,
    ]
    context.out.write(`${lines.join('\n')}\n`)
  })

  withConfigFlags(
    peer
      .command('remove')
      .description('remove a peer with its keys and the organisations it published')
      .requiredOption('--id <id>', "the peer's node id"),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const id = String(options['id'])
    await withStore(context, config, (deps) =>
      removePeer(deps, { nodeId: id, caller: operator(context), source: 'cli' }),
    )
    context.out.write(`removed peer ${id}\n`)
  })

  withConfigFlags(
    peer
      .command('take-key')
      .description(
        "make a peer's new key current: the key it announced signed with its current key, or one given out of band (decision 045)",
      )
      .requiredOption('--id <id>', "the peer's node id")
      .option(
        '--public-key <key>',
        "the peer's new Ed25519 public key, from its operator (base64 or base64url); without it, the key it announced",
      )
      .option('--key-id <keyId>', "the new key's id as the peer's operator reads it to you, to check"),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const id = String(options['id'])
    const taken = await withStore(context, config, (deps) =>
      takePeerKey(deps, {
        nodeId: id,
        publicKey: typeof options['publicKey'] === 'string' ? options['publicKey'] : null,
        keyId: typeof options['keyId'] === 'string' ? options['keyId'] : null,
        caller: operator(context),
        source: 'cli',
      }),
    )
    context.out.write(
      `peer ${id}: key ${taken.keyId} current${taken.previousKeyId ? `, key ${taken.previousKeyId} retired (what arrives signed with it still verifies for ${config.federation.keyGraceSeconds} s)` : ''}\n`,
    )
  })
}
