import { rename, rm } from 'node:fs/promises'
import type { Command } from 'commander'
import { refusalError } from '@liaison/core'
import { findSigningKey, loadSigningKey, rotateNodeKey } from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import { withConfigFlags } from '../configFlags.ts'
import { operator, withStore } from './cliStore.ts'
import { loadCliConfig } from './loadCliConfig.ts'

export function nodeCommand(program: Command, context: CliContext): void {
  const node = program.command('node').description("this node's identity")
  withConfigFlags(
    node
      .command('key')
      .description(
        "print the node's Ed25519 public key and its fingerprint (the key is made on first use); give them to whoever keeps copies of the audit checkpoints",
      ),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const { key, created } = await loadSigningKey(config.auth.signingKeyFile)
    context.out.write(
      `${created ? `created ${config.auth.signingKeyFile}\n` : ''}public key (Ed25519, base64): ${key.publicKey}\nfingerprint (SHA-256): ${key.fingerprint}\n`,
    )
  })

  withConfigFlags(
    node
      .command('rotate-key')
      .description(
        "replace the node's signing key with a new one, announced to every peer signed with the old one (decision 045); restart the node's processes afterwards",
      ),
  ).action(async (options: Record<string, unknown>) => {
    const config = loadCliConfig(context, options)
    const file = config.auth.signingKeyFile
    const previous = await findSigningKey(file)
    if (!previous)
      throw refusalError(
        'node_key_missing',
        `there is no signing key at ${file} yet: start the node once first`,
      )
    // the new key is made aside, and takes the file's place only once the rotation is recorded
    const aside = `${file}.next`
    await rm(aside, { force: true })
    const { key: next } = await loadSigningKey(aside)
    try {
      const rotated = await withStore(context, config, (deps) =>
        rotateNodeKey(deps, { previous, next, caller: operator(context), source: 'cli' }),
      )
      await rename(aside, file)
      context.out.write(
        `rotated: key ${previous.keyId} retired, key ${next.keyId} current\nprevious public key (keep it to check the audit checkpoints it signed): ${previous.publicKey}\npublic key (Ed25519, base64): ${next.publicKey}\nfingerprint (SHA-256): ${next.fingerprint}\nannounced to ${rotated.peers} peer(s), signed with key ${previous.keyId}\nrestart the node's processes to sign with the new key once the announcement has gone (liaison peer list shows nothing waiting); each peer takes it with \`liaison peer take-key --id ${config.node.id}\`\n`,
      )
    } catch (error) {
      await rm(aside, { force: true })
      throw error
    }
  })
}
