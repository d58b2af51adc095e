import type { SagaDefinition } from '../runtime/sagaDefinition';
import { instanceLifecycleSagas } from './instanceLifecycleSagas';
import type { InstanceSagaDeps } from './instanceSagaDeps';
import { provisionInstanceSaga } from './provisionInstanceSaga';

/** Every instance saga, for the saga processor. */
export function instanceSagas(deps: InstanceSagaDeps): SagaDefinition[] {
  return [provisionInstanceSaga(deps), ...instanceLifecycleSagas(deps)];
}
