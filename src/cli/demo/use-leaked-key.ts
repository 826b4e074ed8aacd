import type { DemoWorld } from './demo-world.js';

/** What someone did with the leaked key: the audit should find exactly these API keys. */
export interface MisuseResult {
  /** A key created with the leaked key. */
  readonly createdKeyId: string;
  /** An existing customer key the leaked key changed. */
  readonly changedKeyId: string;
}

/**
 * Plays whoever found the key: with it as bearer, creates an API key ("backdoor") and changes
 * a customer's key, through Unkey's published API (the emulator's). What rootguard's audit and
 * flag steps then find.
 */
export async function useLeakedKey(world: DemoWorld): Promise<MisuseResult> {
  const call = async (op: string, body: unknown) => {
    const response = await fetch(`${world.unkey.url}/v2/${op}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.leaked.key}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`the emulated misuse (${op}) was answered ${response.status}`);
    return (await response.json()) as { data?: { keyId?: string } };
  };
  const changedKeyId = world.customerKeyIds[0] as string;
  await call('keys.updateKey', { keyId: changedKeyId, meta: { plan: 'enterprise' } });
  const created = await call('keys.createKey', { apiId: world.apiId, name: 'backdoor' });
  const createdKeyId = created.data?.keyId;
  if (!createdKeyId) throw new Error('the emulated misuse (keys.createKey) returned no key id');
  return { createdKeyId, changedKeyId };
}
