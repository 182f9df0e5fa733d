import { notBuiltPage, UNBUILT_AREAS } from "@/components/shell/not-built-page";

export const metadata = { title: UNBUILT_AREAS.costs.title };

export default notBuiltPage("costs");
