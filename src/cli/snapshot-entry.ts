/**
 * Entry of the start-up snapshot (`node --build-snapshot`): everything the offline commands need is loaded and the
 * schemas of the common kinds compiled ahead of time, then the heap is saved. Starting from the snapshot skips
 * parsing and initialising the modules, which is most of a cold start. Anything that holds native handles (stdout,
 * sockets, the Kubernetes client) stays unloaded until a command runs.
 */
import v8 from 'node:v8';
import { createCli, main } from './main.js';
import { warmUpCommands } from './warm-up.js';

// The snapshot is written once the event loop is idle, so the warm-up completes before it.
void warmUpCommands();
const cli = createCli();
v8.startupSnapshot.setDeserializeMainFunction(() => {
  void main(process.argv.slice(1), cli).then((code) => {
    process.exitCode = code;
  });
});
