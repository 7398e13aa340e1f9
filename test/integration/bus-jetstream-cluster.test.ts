// The JetStream bus on a three-node nats-server cluster on loopback, stream replicas 3: the whole contract
// suite, then the stream leader is killed with SIGKILL while a publisher and a consumer run.
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { busContract } from '../../src/eventbus/contract.js';
import { openJetStreamBus } from '../../src/eventbus/jetstream/jetstream-bus.js';
import { startNatsCluster } from '../support/nats-server.js';

busContract(
  'jetstream (3-node cluster, replicas 3)',
  async () => {
    const cluster = await startNatsCluster(3);
    return {
      open: () => openJetStreamBus({ url: cluster.url, limits: { replicas: 3 } }),
      // real time: long enough that a loaded host (CPU steal) does not let an ack arrive after it
      ackWaitMs: 3000,
      elapse: () => undefined,
      childEnv: { BUS_DRIVER: 'jetstream', BUS_URL: cluster.url, BUS_STREAM: 'default', BUS_REPLICAS: '3' },
      async killNode() {
        const nc = await connect({ servers: cluster.url });
        try {
          const info = await (await jetstreamManager(nc)).streams.info('default');
          const leader = info.cluster?.leader ?? 'n0';
          const node = cluster.nodes[Number(leader.slice(1))];
          if (node === undefined) throw new Error(`unknown stream leader ${leader}`);
          await node.kill();
        } finally {
          await nc.close();
        }
      },
      cleanup: () => cluster.stop(),
    };
  },
  { scriptsDir: join(import.meta.dirname, 'bus'), nodeKill: true, deadlineMs: 30_000 },
);
