import { adapterContract } from "../contract.ts";
import { startSlackDriver } from "./driver.ts";

const can = {
  reactions: true,
  otherBots: true,
  failingPosts: true,
  redelivery: true,
  directMessages: true,
  buttons: true,
};
adapterContract("slack (HTTP)", can, () => startSlackDriver("http"));
adapterContract("slack (Socket Mode)", can, () => startSlackDriver("socket"));
