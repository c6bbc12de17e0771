import Fastify from 'fastify';

// The baseline: the cheapest thing Fastify can answer, with no logger, in its own process.
const app = Fastify({ logger: false });
app.get('/ping', () => Promise.resolve({ ok: true }));
const address = await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`listening ${address}\n`);
