// Where a review item opens in the app. Pure: used by server pages and client components alike.
import type { ItemLabel } from "./items";

type Linkable = Pick<ItemLabel, "itemType" | "itemId" | "conversationId" | "messageId" | "gptId" | "projectId" | "userId">;

const enc = encodeURIComponent;

/** The page showing the item (scrolled to it where the page holds many), or null when it has none. */
export function itemHref(item: Linkable): string | null {
  switch (item.itemType) {
    case "CONVERSATION":
      return `/conversations/${enc(item.itemId)}`;
    case "MESSAGE":
      return item.conversationId ? `/conversations/${enc(item.conversationId)}?m=${enc(item.itemId)}#m-${enc(item.itemId)}` : null;
    case "GPT":
      return `/gpts/${enc(item.itemId)}`;
    case "GPT_CONFIG":
      return item.gptId ? `/gpts/${enc(item.gptId)}?b=${enc(item.itemId)}#compare` : null;
    case "PROJECT":
      return `/projects/${enc(item.itemId)}`;
    case "MEMORY":
      return item.userId ? `/custodians/${enc(item.userId)}?memory=${enc(item.itemId)}#memory-${enc(item.itemId)}` : null;
    case "FILE":
      if (item.conversationId && item.messageId) return `/conversations/${enc(item.conversationId)}?m=${enc(item.messageId)}#m-${enc(item.messageId)}`;
      if (item.conversationId) return `/conversations/${enc(item.conversationId)}`;
      return item.userId ? `/custodians/${enc(item.userId)}` : null;
  }
}

export const itemTypeLabels: Record<Linkable["itemType"], string> = {
  CONVERSATION: "Conversation",
  MESSAGE: "Message",
  GPT: "GPT",
  GPT_CONFIG: "GPT configuration",
  PROJECT: "Project",
  MEMORY: "Memory",
  FILE: "File",
};
