/**
 * The mark a wrapping store (the protected store) puts on events it validated on their plain data before sealing
 * their personal values: the inner store stamps and stores them without validating the sealed data again, which
 * no longer reads as the plain schema asks (a ciphertext is no email address). Internal: not exported by core.
 */
export const validatedEvent: unique symbol = Symbol('rapport.validatedEvent');

/** True when `event` carries the mark of an event validated before sealing. */
export const isValidatedEvent = (event: object): boolean =>
  (event as { [validatedEvent]?: unknown })[validatedEvent] === true;
