import type { Command } from 'commander'
import { loadSigningKey } from '@liaison/server'
import type { CliContext } from '../CliContext.ts'
import { withConfigFlags } from '../configFlags.ts'
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
}
