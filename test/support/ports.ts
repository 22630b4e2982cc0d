import net from 'node:net';

// Below Linux's ephemeral range (32768–60999): a port the kernel handed out and we closed
// can be taken again at once as the source port of any outgoing connection (seen with
// parallel test files: EADDRINUSE when the child binds it). Random picks here avoid that.
const LOW = 20000;
const HIGH = 32000;

function canBind(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A loopback port free now, for a child process to bind. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = LOW + Math.floor(Math.random() * (HIGH - LOW));
    if (await canBind(port)) return port;
  }
  throw new Error(`no free port between ${LOW} and ${HIGH}`);
}
