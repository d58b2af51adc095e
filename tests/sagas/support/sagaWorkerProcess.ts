import { createSagaWorld, type SagaWorldNames } from './sagaTestWorld';

// A saga worker in its own process, so tests can SIGKILL it mid-step. World names come as JSON in
// SAGA_WORLD; FAULT_INJECT_STEP=<step>:hang parks it inside a step after the step's effect.
async function main(): Promise<void> {
  const names = JSON.parse(process.env.SAGA_WORLD ?? '') as SagaWorldNames;
  const world = await createSagaWorld(names);
  const fault = process.env.FAULT_INJECT_STEP;
  await world.startWorker(fault ? { faultInjectStep: fault } : {});
  process.stdout.write('ready\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
