// An AI responder that answers only when the test opens the gate: "slow" without sleeping.
import type { ReplyRequest, Responder } from '../../relay/src/ai/responder.js';

export interface GatedResponder extends Responder {
  requests: ReplyRequest[];
  /** Lets every waiting and future request answer. */
  open(): void;
}

/** Requests for which `gated` is false answer at once, like the echo responder. */
export function gatedResponder(
  gated: (request: ReplyRequest) => boolean = () => true,
): GatedResponder {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const requests: ReplyRequest[] = [];
  return {
    name: 'gated',
    requests,
    open: () => open(),
    async reply(request) {
      requests.push(request);
      if (gated(request)) await gate;
      return `[gated] ${request.history.at(-1)?.content ?? ''}`;
    },
  };
}
