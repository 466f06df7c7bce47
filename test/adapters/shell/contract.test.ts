import { adapterContract } from "../contract.ts";
import { startShellDriver } from "./driver.ts";

// A terminal has one reader and types its ratings: no reactions to withdraw, no other bots, no
// refused posts, no redelivered events, no one else to write to it directly.
adapterContract(
  "shell",
  {
    reactions: false,
    otherBots: false,
    failingPosts: false,
    redelivery: false,
    directMessages: false,
    buttons: false,
  },
  startShellDriver,
);
