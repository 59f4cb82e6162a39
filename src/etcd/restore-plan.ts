/**
 * The restore plan `snapshot restore` prints: the steps a person runs on the nodes to put a snapshot back, tailored
 * to the cluster in hand (its distribution, restore tool, member names, peer URLs, data directories, certificates
 * and manifest folder, as found). Text only: nothing here changes anything.
 */
import { basename, dirname } from 'node:path';
import type { MemberFacts, RestoreFacts } from './restore-facts.js';
import type { SnapshotFacts } from './snapshot-facts.js';

const KUBEADM_MANIFESTS = '/etc/kubernetes/manifests';

function indent(lines: readonly string[], by = 5): string[] {
  return lines.map((line) => `${' '.repeat(by)}${line}`);
}

/** A command split over lines as a shell reads it. */
function command(words: readonly string[]): string[] {
  return words.map((word, i) => (i < words.length - 1 ? `${word} \\` : word)).map((line, i) => (i === 0 ? line : `  ${line}`));
}

/** One numbered step: what it does (wrapped lines), then the commands or details under it. */
interface Step {
  readonly says: readonly string[];
  readonly then: readonly string[];
}

function numbered(steps: readonly Step[]): string[] {
  return steps.flatMap((step, i) => [...step.says.map((line, j) => (j === 0 ? `${i + 1}. ${line}` : `   ${line}`)), ...step.then, '']);
}

function nodeOf(member: MemberFacts): string {
  return member.node ?? `the node of ${member.pod}`;
}

function summary(snapshot: SnapshotFacts, facts: RestoreFacts): string[] {
  const { status, trailer } = snapshot;
  const lines = [
    `Restore plan for ${snapshot.file}: revision ${status.revision}, ${status.totalKey} keys, ${trailer.present ? 'sha256 trailer valid' : 'no sha256 trailer (a copy of member/snap/db)'}.`,
    `Cluster: ${facts.distribution}, etcd ${facts.etcdVersion ?? '(version unknown)'}, ${facts.members.length} member${facts.members.length === 1 ? '' : 's'}:`,
  ];
  for (const member of facts.members) {
    lines.push(
      `  ${member.name ?? '(name unknown)'}: pod ${member.pod}, node ${member.node ?? '?'}, data ${member.nodeDataDir ?? member.dataDir ?? '?'}` +
        `${member.dataVolume ? ` (hostPath volume ${member.dataVolume})` : ''}, peer ${member.peerUrls.join(',') || '?'}`,
    );
  }
  lines.push(
    '',
    `Nothing has been changed. These steps replace the data of every member with the snapshot: what was written after`,
    `revision ${status.revision} is lost. Run them yourself, as root, on the nodes named.`,
    '',
  );
  return lines;
}

function copyStep(file: string, facts: RestoreFacts, target: string): Step {
  const nodes = [...new Set(facts.members.map(nodeOf))];
  const copy = facts.distribution === 'minikube'
    ? nodes.map((node) => `minikube cp ${file} ${node}:${target}`)
    : nodes.map((node) => `scp ${file} root@${node}:${target}`);
  return { says: [`Copy the snapshot to the control-plane node${nodes.length === 1 ? '' : 's'}:`], then: indent(copy) };
}

function restoreCommand(facts: RestoreFacts, member: MemberFacts, snapshotPath: string, dir: string, trailer: boolean): string[] {
  return command([
    `${facts.restoreTool} snapshot restore ${snapshotPath}`,
    `--name ${member.name ?? '<member name>'}`,
    `--initial-cluster ${facts.initialCluster || '<name=peer URL,...>'}`,
    `--initial-advertise-peer-urls ${member.peerUrls.join(',') || '<peer URL>'}`,
    ...(trailer ? [] : ['--skip-hash-check']),
    `--data-dir ${dir}`,
  ]);
}

function kubeadmPlan(snapshot: SnapshotFacts, facts: RestoreFacts, restoreDir: string | undefined): string[] {
  const onNode = `/root/${basename(snapshot.file)}`;
  const dirOf = (member: MemberFacts) => restoreDir ?? `${member.nodeDataDir ?? '/var/lib/etcd'}-restored`;
  const manifests = (member: MemberFacts) => member.manifestDir ?? KUBEADM_MANIFESTS;
  /** Where the API server's manifest waits while it is stopped: next to the manifest folder. */
  const parked = (member: MemberFacts) => `${dirname(manifests(member))}/kube-apiserver.yaml`;
  const manifestNote = facts.members.every((m) => m.manifestDir !== undefined)
    ? "The folder is the kubelet's staticPodPath, read from its configz."
    : "The folder is kubeadm's default: the kubelet's staticPodPath could not be read through the API.";
  return numbered([
    copyStep(snapshot.file, facts, onNode),
    {
      says: ['Stop the API server on every control-plane node: the kubelet stops a static pod whose manifest leaves its folder.', manifestNote],
      then: indent(facts.members.map((m) => `[${nodeOf(m)}] mv ${manifests(m)}/kube-apiserver.yaml ${parked(m)}`)),
    },
    {
      says: [`Restore the snapshot into a new data directory on each node (${facts.restoreTool} comes with the etcd ${facts.etcdVersion ?? ''} release; the etcd image has it too):`],
      then: facts.members.flatMap((m) => [`   on ${nodeOf(m)}:`, ...indent(restoreCommand(facts, m, onNode, dirOf(m), snapshot.trailer.present), 7)]),
    },
    {
      says: [
        'Point etcd at the restored directory: in the etcd manifest on each node, change the hostPath of its data volume;',
        'the kubelet then restarts etcd on it. The --data-dir flag stays as it is: it names the path inside the container.',
      ],
      then: facts.members.flatMap((m) => [
        `     [${nodeOf(m)}] ${manifests(m)}/etcd.yaml, volume ${m.dataVolume ?? 'etcd-data'}:`,
        `         hostPath.path: ${m.nodeDataDir ?? '/var/lib/etcd'}  ->  ${dirOf(m)}`,
      ]),
    },
    {
      says: ['Check each member from its node once etcd runs again:'],
      then: indent(facts.members.map((m) =>
        `[${nodeOf(m)}] etcdctl --endpoints ${m.clientUrl ?? 'https://127.0.0.1:2379'} --cacert ${m.tls.cacert ?? '<ca>'} --cert ${m.tls.cert ?? '<cert>'} --key ${m.tls.key ?? '<key>'} endpoint health`)),
    },
    {
      says: [
        'Start the API servers again, then restart kube-controller-manager, kube-scheduler and the kubelets so they drop',
        'what they cached from the old state, and check:',
      ],
      then: [
        ...indent([...facts.members.map((m) => `[${nodeOf(m)}] mv ${parked(m)} ${manifests(m)}/kube-apiserver.yaml`), 'kubectl etcd endpoint health', 'kubectl get nodes']),
        `   The old data stays in ${[...new Set(facts.members.map((m) => m.nodeDataDir ?? '/var/lib/etcd'))].join(', ')} until you remove it.`,
      ],
    },
  ]);
}

function rke2Plan(snapshot: SnapshotFacts, facts: RestoreFacts): string[] {
  const onNode = `/root/${basename(snapshot.file)}`;
  const [first, ...others] = facts.members;
  const dbDir = (member: MemberFacts) => (member.nodeDataDir ?? '/var/lib/rancher/rke2/server/db/etcd').replace(/\/etcd$/, '');
  const check = ['     kubectl etcd endpoint health', '     kubectl get nodes'];
  return numbered([
    copyStep(snapshot.file, { ...facts, members: first ? [first] : [] }, onNode),
    { says: ['Stop RKE2 on every server node:'], then: indent(facts.members.map((m) => `[${nodeOf(m)}] systemctl stop rke2-server`)) },
    {
      says: [`Reset the cluster from the snapshot on ${first ? nodeOf(first) : 'one server node'}: RKE2 restores etcd itself and keeps its certificates.`],
      then: indent([`rke2 server --cluster-reset --cluster-reset-restore-path=${onNode}`, 'systemctl start rke2-server']),
    },
    others.length === 0
      ? { says: ['Check:'], then: check }
      : {
          says: ['On the other server nodes, remove the old database and start RKE2 again (they join the reset member), then check:'],
          then: [...indent(others.flatMap((m) => [`[${nodeOf(m)}] rm -rf ${dbDir(m)}`, `[${nodeOf(m)}] systemctl start rke2-server`])), ...check],
        },
  ]);
}

function openshiftPlan(snapshot: SnapshotFacts, facts: RestoreFacts): string[] {
  const first = facts.members[0];
  return [
    'OpenShift restores etcd with its own script, from a backup directory that cluster-backup.sh makes: a snapshot',
    '(snapshot_<time>.db) and the static pod resources (static_kuberesources_<time>.tar.gz). This file can stand in for',
    'the snapshot of such a backup; the static pod resources must come from cluster-backup.sh.',
    '',
    `1. Put ${basename(snapshot.file)} into the backup directory on the recovery host (${first ? nodeOf(first) : 'one control-plane node'}), named snapshot_<time>.db.`,
    '2. Follow "Restoring to a previous cluster state" in the OpenShift documentation; its central step is:',
    '     sudo -E /usr/local/bin/cluster-restore.sh /home/core/assets/backup',
    '3. Check: kubectl etcd endpoint health && oc get nodes',
    '',
  ];
}

export function restorePlan(snapshot: SnapshotFacts, facts: RestoreFacts, restoreDir?: string): string {
  const steps = facts.distribution === 'rke2' ? rke2Plan(snapshot, facts) : facts.distribution === 'openshift' ? openshiftPlan(snapshot, facts) : kubeadmPlan(snapshot, facts, restoreDir);
  return [...summary(snapshot, facts), ...steps].join('\n');
}
