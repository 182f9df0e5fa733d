export { addMember, addMemberSchema, changeMemberRole, removeMember, listMembers } from "./members";
