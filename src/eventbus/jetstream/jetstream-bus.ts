export function openJetStreamBus(_o: unknown): never {
  throw new Error('todo');
}
