/**
 * Entry of a single executable's start-up snapshot: the CLI's snapshot entry, with the argument list mended. A
 * single executable's argv holds the executable twice (its path, then the name it was started as), while the
 * snapshot entry reads the user's arguments from argv[1] on, as `node --snapshot-blob <blob> -- <args>` passes them.
 * Deserialize callbacks run before the snapshot's main function.
 */
import v8 from 'node:v8';
import '../../src/cli/snapshot-entry.js';

v8.startupSnapshot.addDeserializeCallback(() => {
  process.argv.splice(1, 1);
});
