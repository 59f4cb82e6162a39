/**
 * Run by connect-faults.test.ts as its own process: connects with --use-apiserver-cert and no signal of its own (so
 * the connection handles Ctrl-C), then runs `etcdctl watch <key>`, which never ends, until the test sends SIGINT.
 * argv: kubeconfig path, watched key.
 */
import { connectToEtcd } from '../../src/etcd/connect.js';

const [kubeconfig, key] = process.argv.slice(2);
const connection = await connectToEtcd({ kubeconfig, useApiserverCert: true });
try {
  // etcdctl's watch takes what follows `--` as a command to run on events, so the key goes without it.
  await connection.etcdctl(['watch', key ?? '/never']);
} finally {
  await connection.close();
}
