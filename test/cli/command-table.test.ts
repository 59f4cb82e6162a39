/** The table main() loads commands from: the words it lists for each are the ones its module answers to. */
import { describe, expect, it } from 'vitest';
import { commandEntries, loadCommands, namesOf } from '../../src/cli/commands.js';

describe('the command table', () => {
  it('names each command by its module\'s own command word and aliases', async () => {
    for (const entry of commandEntries) expect(namesOf(await entry.load())).toEqual(entry.names);
  });

  it('loads the one command a word names (an alias too), and all of them otherwise', async () => {
    expect((await loadCommands('du')).map(namesOf)).toEqual([['stats', 'du']]);
    expect((await loadCommands('get')).map(namesOf)).toEqual([['get']]);
    expect((await loadCommands('--kubeconfig')).length).toBe(commandEntries.length);
    expect((await loadCommands()).length).toBe(commandEntries.length);
  });
});
