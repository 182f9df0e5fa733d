// Runs ELK's layered layout off the main thread: a large graph never freezes the page.
import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkNode } from "elkjs/lib/elk-api";

const elk = new ELK();

self.onmessage = async (event: MessageEvent<{ id: number; input: ElkNode }>) => {
  const { id, input } = event.data;
  try {
    const output = await elk.layout(input);
    self.postMessage({ id, output });
  } catch (error) {
    self.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
