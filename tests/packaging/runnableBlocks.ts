/** The fenced blocks of a Markdown text whose info string is `sh runnable`, in order. */
export function runnableBlocks(markdown: string): string[] {
  const blocks: string[] = [];
  const fence = /^```sh runnable\n([\s\S]*?)^```$/gm;
  for (let match = fence.exec(markdown); match; match = fence.exec(markdown)) blocks.push(match[1]!);
  return blocks;
}
