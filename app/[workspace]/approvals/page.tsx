import { notBuiltPage, UNBUILT_AREAS } from "@/components/shell/not-built-page";

export const metadata = { title: UNBUILT_AREAS.approvals.title };

export default notBuiltPage("approvals");
