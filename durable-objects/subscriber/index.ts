export { SubscriberDO } from "./subscriber-do";
