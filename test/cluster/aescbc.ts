/**
 * Encryption at rest as kube-apiserver's aescbc provider writes it, for seeding an encrypted Secret:
 * `k8s:enc:aescbc:v1:<key name>:` + 16-byte IV + AES-256-CBC (PKCS#7) ciphertext of the stored bytes.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { stringify } from 'yaml';

export interface AescbcKey {
  name: string;
  /** 32 bytes. */
  secret: Buffer;
}

export function newAescbcKey(name: string): AescbcKey {
  return { name, secret: randomBytes(32) };
}

export function encryptAescbc(key: AescbcKey, plaintext: Uint8Array): Uint8Array {
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key.secret, iv);
  return Buffer.concat([Buffer.from(`k8s:enc:aescbc:v1:${key.name}:`), iv, cipher.update(plaintext), cipher.final()]);
}

/** Writes the EncryptionConfiguration (mode 0600) a kube-apiserver would be given for this key. */
export async function writeEncryptionConfiguration(path: string, key: AescbcKey): Promise<void> {
  const config = {
    apiVersion: 'apiserver.config.k8s.io/v1',
    kind: 'EncryptionConfiguration',
    resources: [
      {
        resources: ['secrets'],
        providers: [{ aescbc: { keys: [{ name: key.name, secret: key.secret.toString('base64') }] } }, { identity: {} }],
      },
    ],
  };
  await writeFile(path, stringify(config), { mode: 0o600 });
}
