import { type ExpectedVersion, WrongExpectedVersionError } from '../../ports/eventStore';

/** Version of a stream that has no events. */
export const NO_STREAM_VERSION = -1;

/** Throws WrongExpectedVersionError unless `currentVersion` (-1 = no stream) satisfies `expected`. */
export function checkExpectedVersion(streamName: string, expected: ExpectedVersion, currentVersion: number): void {
  if (!matchesExpectedVersion(expected, currentVersion)) {
    throw new WrongExpectedVersionError(streamName, expected, currentVersion === NO_STREAM_VERSION ? null : currentVersion);
  }
}

export function matchesExpectedVersion(expected: ExpectedVersion, currentVersion: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return currentVersion === NO_STREAM_VERSION;
    case 'exists':
      return currentVersion !== NO_STREAM_VERSION;
    default:
      return currentVersion === expected;
  }
}
