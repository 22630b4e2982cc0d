// Registers or revokes a pull-API client (the livret scolaire of an academy) from the command line.
//   npm run registry:client -- register --academy versailles --name "LSU Versailles"
//   npm run registry:client -- revoke --client reg_xxx
//   npm run registry:client -- list [--academy versailles]
// Uses the same database as the tool: MONGODB_URI, else the local server under DATA_DIR (./data).
import { parseArgs } from 'node:util';
import { connectAppDatabase, createLogger, parseConfig, startDatabaseServer } from '@pix-lti/lti-tool';
import { registerRegistryClient } from '../lti-tool/src/registry/application/registry-clients.js';
import { ClientsRepository } from '../lti-tool/src/registry/infrastructure/clients.repository.js';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { academy: { type: 'string' }, name: { type: 'string' }, client: { type: 'string' } } });
const command = positionals[0];
const usage = 'usage: registry-client register --academy <id> --name <name> | revoke --client <clientId> | list [--academy <id>]';
if (!['register', 'revoke', 'list'].includes(command ?? '') || (command === 'register' && (!values.academy || !values.name)) || (command === 'revoke' && !values.client)) {
  process.stderr.write(`${usage}\n`);
  process.exit(2);
}
// The client table needs no secret at rest, but the configuration requires a key: any value will do here.
const parsed = parseConfig({ ENCRYPTION_KEY: 'registry-client-cli-does-not-encrypt-anything', ...process.env });
if (!parsed.ok) {
  for (const line of parsed.errors) process.stderr.write(`Configuration error: ${line}\n`);
  process.exit(1);
}
const { config } = parsed;
const log = createLogger({ level: 'warn', name: 'registry-client' });
const server = await startDatabaseServer({ mongodbUri: config.mongodbUri, dataDir: config.dataDir, connectTimeoutMs: config.dbConnectTimeoutMs, log });
const db = await connectAppDatabase({ uri: server.uri, dbName: config.databaseName, connectTimeoutMs: config.dbConnectTimeoutMs, log });
const clients = new ClientsRepository(db);
try {
  if (command === 'register') {
    const { client, clientSecret } = await registerRegistryClient({ name: values.name!, academyId: values.academy! }, { clients, clock: () => new Date() });
    process.stdout.write(`client_id:     ${client.clientId}\nclient_secret: ${clientSecret}\n(shown once; stored as a hash)\n`);
  } else if (command === 'revoke') {
    const done = await clients.revoke(values.client!, new Date());
    process.stdout.write(done ? `revoked ${values.client}\n` : `no active client ${values.client}\n`);
    process.exitCode = done ? 0 : 1;
  } else {
    for (const c of await clients.list(values.academy ? [values.academy] : 'all')) {
      process.stdout.write(`${c.clientId}\t${c.academyId}\t${c.name}\t${c.revokedAt ? `revoked ${c.revokedAt.toISOString()}` : 'active'}\n`);
    }
  }
} finally {
  await db.close();
  await server.stop();
}
