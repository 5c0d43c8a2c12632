// A free TCP port on 127.0.0.1, for a server whose address another must know before either starts (the sandbox
// EHR registers Klivira's callback when it starts; Klivira needs the sandbox's issuer when it is built).
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}
