import { v5 } from 'uuid';
import type { SagaTrigger, TriggerEvent } from './sagaTrigger';

// Fixed namespace: a lifecycle saga's id is derived from its trigger event's id.
const sagaIdNamespace = '3b0c4a52-8f0e-4d4e-9a57-1c2d0f6b7e19';
const instanceIdOf = (event: TriggerEvent) => (event.data as { instanceId: string }).instanceId;
const perEvent = (event: TriggerEvent) => v5(event.eventId, sagaIdNamespace);

/** One provisioning per instance (saga-provisionInstance-<instanceId>); one
 * lifecycle saga per request event. */
export const instanceSagaTriggers: SagaTrigger[] = [
  { eventType: 'InstanceProvisioningRequested', sagaName: 'provisionInstance', sagaId: instanceIdOf, subjectId: instanceIdOf },
  { eventType: 'InstanceStartRequested', sagaName: 'startInstance', sagaId: perEvent, subjectId: instanceIdOf },
  { eventType: 'InstanceStopRequested', sagaName: 'stopInstance', sagaId: perEvent, subjectId: instanceIdOf },
  { eventType: 'InstanceRestartRequested', sagaName: 'restartInstance', sagaId: perEvent, subjectId: instanceIdOf },
  { eventType: 'InstanceResizeRequested', sagaName: 'resizeInstance', sagaId: perEvent, subjectId: instanceIdOf },
  { eventType: 'InstanceDeletionRequested', sagaName: 'deleteInstance', sagaId: perEvent, subjectId: instanceIdOf },
];
