/**
 * Paynow's worked example of validating a hash ("Validating a hash on an inbound message", Paynow's
 * developer documentation, quoted in docs/decisions/047), verbatim: the reply, the integration key it
 * was signed with, and the string of values the documentation says is hashed.
 */
export const docsExampleReply =
  'status=Ok&browserurl=https%3a%2f%2fstaging.paynow.co.zw%2fPayment%2fConfirmPayment%2f9510'
  + '&pollurl=https%3a%2f%2fstaging.paynow.co.zw%2fInterface%2fCheckPayment%2f%3fguid%3dc7ed41da-0159-46da-b428-69549f770413'
  + '&paynowreference=9510'
  + '&hash=750DD0B0DF374678707BB5AF915AF81C228B9058AD57BB7120569EC68BBB9C2EFC1B26C6375D2BC562AC909B3CD6B2AF1D42E1A5E479FFAC8F4FB3FDCE71DF4D';

export const docsExampleIntegrationKey = '3e9fed89-60e1-4ce5-ab6e-6b1eb2d4f977';

export const docsExampleConcatenatedValues =
  'Okhttps://staging.paynow.co.zw/Payment/ConfirmPayment/9510https://staging.paynow.co.zw/Interface/CheckPayment/?guid=c7ed41da-0159-46da-b428-69549f7704139510';

export const docsExampleHash =
  '750DD0B0DF374678707BB5AF915AF81C228B9058AD57BB7120569EC68BBB9C2EFC1B26C6375D2BC562AC909B3CD6B2AF1D42E1A5E479FFAC8F4FB3FDCE71DF4D';

/** Paynow's example poll reply ("Polling for a Status Update"); its key is not published, so it
 * serves parsing only. */
export const docsExamplePollReply =
  'reference=siteid123&paynowreference=1%2c082&amount=100.00&status=Created'
  + '&pollurl=http%3a%2f%2flocalhost%3a7105%2fInterface%2fCheckPayment%2f%3fguid%3d811e0233-e9c6-474f-a01af2a4df1dde51'
  + '&Hash=2D72F08C4F34B99DEC391E2A24F24C2598060B9F6D63CB0B961FEDAE7D7D69D6321931A18F8E1E0268DE5A4F72B5D76E5A8A767C810180D9D5AC921B444B51BA';
