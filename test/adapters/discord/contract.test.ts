import { adapterContract } from "../contract.ts";
import { startDiscordDriver } from "./driver.ts";

adapterContract(
  "discord",
  {
    reactions: true,
    otherBots: true,
    failingPosts: true,
    redelivery: true,
    directMessages: true,
    buttons: true,
  },
  startDiscordDriver,
);
