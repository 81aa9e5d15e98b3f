<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
    <context>
        <name>AccountsModel</name>
        <message>
            <source>Company</source>
            <translation>公司</translation>
        </message>
        <message>
            <source>Next purchase</source>
            <translation>采购阶段</translation>
        </message>
        <message>
            <source>Expected</source>
            <translation>预计日期</translation>
        </message>
        <message>
            <source>Fleet size</source>
            <translation>采购数量</translation>
        </message>
        <message>
            <source>Vehicles</source>
            <translation>车辆</translation>
        </message>
        <message>
            <source>People</source>
            <translation>联系人</translation>
        </message>
        <message>
            <source>Decision maker</source>
            <translation>决策人</translation>
        </message>
    </context>
    <context>
        <name>AccountsTabs</name>
        <message>
            <source>Card</source>
            <translation>会员卡</translation>
        </message>
        <message>
            <source>Company</source>
            <translation>公司</translation>
        </message>
        <message>
            <source>A&amp;+ offers</source>
            <translation>增值推荐(&amp;+)</translation>
        </message>
    </context>
    <context>
        <name>AccountsView</name>
        <message>
            <source>Cards &amp; fleets</source>
            <translation>会员与大客户</translation>
        </message>
        <message>
            <source>All cards</source>
            <translation>全部会员卡</translation>
        </message>
        <message>
            <source>Suggested tier differs from the card</source>
            <translation>建议等级与会员卡不同</translation>
        </message>
        <message>
            <source>&amp;Accept suggestion</source>
            <translation>采纳建议等级(&amp;A)</translation>
        </message>
        <message>
            <source>Tier &amp;names…</source>
            <translation>等级名称(&amp;N)…</translation>
        </message>
        <message>
            <source>Open customer</source>
            <translation>打开客户</translation>
        </message>
        <message>
            <source>Any stage</source>
            <translation>不限阶段</translation>
        </message>
        <message>
            <source>Open company</source>
            <translation>打开企业客户</translation>
        </message>
        <message>
            <source>Added-value (A+) offers: shown on a customer's page, made into a follow-up, and taken up (done with the customer reached or booked).</source>
            <translation>增值服务（A+）推荐：在客户页面上展示、转为回访、客户接受（回访完成且联系上或已预约）。</translation>
        </message>
        <message>
            <source>&amp;Membership cards</source>
            <translation>会员卡(&amp;M)</translation>
        </message>
        <message>
            <source>&amp;Key accounts</source>
            <translation>大客户(&amp;K)</translation>
        </message>
        <message>
            <source>A+ &amp;uptake</source>
            <translation>增值服务成效(&amp;U)</translation>
        </message>
        <message>
            <source>%1 cards shown, %2 of them differ from the suggestion; %3 companies</source>
            <translation>显示%1张会员卡，其中%2张与建议等级不同；%3家企业客户</translation>
        </message>
        <message>
            <source>(the first %1 by name; find a customer to see their card)</source>
            <translation>（按姓名显示前%1张；查找客户可查看其会员卡）</translation>
        </message>
        <message>
            <source>Select cards whose suggestion differs</source>
            <translation>请选择与建议等级不同的会员卡</translation>
        </message>
        <message>
            <source>%1 cards now carry the suggested tier</source>
            <translation>%1张会员卡已改为建议等级</translation>
        </message>
    </context>
    <context>
        <name>AddVehicleDialog</name>
        <message>
            <source>Add a vehicle — %1</source>
            <translation>添加车辆 — %1</translation>
        </message>
        <message>
            <source>&amp;Year</source>
            <translation>年份(&amp;Y)</translation>
        </message>
        <message>
            <source>P&amp;rice</source>
            <translation>价格(&amp;R)</translation>
        </message>
        <message>
            <source>Mil&amp;eage</source>
            <translation>里程(&amp;E)</translation>
        </message>
        <message>
            <source>YYYY-MM-DD</source>
            <translation>年-月-日</translation>
        </message>
        <message>
            <source>Vehicle added</source>
            <translation>车辆已添加</translation>
        </message>
    </context>
    <context>
        <name>AddedValuePanel</name>
        <message>
            <source>Make follow-up</source>
            <translation>生成回访</translation>
        </message>
        <message>
            <source>Nothing to offer today: no vehicle is due for tyres, a warranty or insurance renewal, accessories or a new model.</source>
            <translation>今日暂无可推荐项目：没有车辆需要更换轮胎、延保、续保、加装精品或推荐新车。</translation>
        </message>
        <message>
            <source>Taken up by this customer:</source>
            <translation>该客户的接受情况：</translation>
        </message>
        <message>
            <source>Follow-up planned for today</source>
            <translation>已安排今日回访</translation>
        </message>
        <message>
            <source>%1: %2 shown · %3 made into follow-ups · %4 taken up</source>
            <translation>%1：推荐%2次 · 转为回访%3次 · 成交%4次</translation>
        </message>
        <message>
            <source>No offers shown yet.</source>
            <translation>尚无推荐记录。</translation>
        </message>
    </context>
    <context>
        <name>AgendaModel</name>
        <message>
            <source>Due</source>
            <translation>到期</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Follow-up</source>
            <translation>回访</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Vehicle</source>
            <translation>车辆</translation>
        </message>
        <message>
            <source>Assigned to</source>
            <translation>负责人</translation>
        </message>
        <message>
            <source>Last contact</source>
            <translation>最近联系</translation>
        </message>
        <message>
            <source>1 day overdue</source>
            <translation>逾期1天</translation>
        </message>
        <message>
            <source>{n} days overdue</source>
            <translation>逾期{n}天</translation>
        </message>
        <message>
            <source>Done</source>
            <translation>已完成</translation>
        </message>
        <message>
            <source>Skipped</source>
            <translation>已跳过</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <source>never</source>
            <translation>从未</translation>
        </message>
    </context>
    <context>
        <name>BatchDialog</name>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>WeChat</source>
            <translation>微信</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>电子邮箱</translation>
        </message>
        <message>
            <source>&amp;Copy list</source>
            <translation>复制名单(&amp;C)</translation>
        </message>
        <message>
            <source>Mark all &amp;sent  (Enter)</source>
            <translation>全部标记为已发送(&amp;S)  (Enter)</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Copied %1 names</source>
            <translation>已复制 %1 个名字</translation>
        </message>
        <message>
            <source>Sent: %1</source>
            <translation>已发送：%1</translation>
        </message>
    </context>
    <context>
        <name>CalendarView</name>
        <message>
            <source>All staff</source>
            <translation>全部员工</translation>
        </message>
        <message>
            <source>All kinds</source>
            <translation>全部类型</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <source>&lt;span style='color:#c62828'&gt;●&lt;/span&gt; overdue  &lt;span style='color:#ef6c00'&gt;●&lt;/span&gt; today  &lt;span style='color:#1565c0'&gt;●&lt;/span&gt; coming  — drag a follow-up onto a day to move it</source>
            <translation>&lt;span style='color:#c62828'&gt;●&lt;/span&gt; 逾期  &lt;span style='color:#ef6c00'&gt;●&lt;/span&gt; 今天  &lt;span style='color:#1565c0'&gt;●&lt;/span&gt; 即将到期  — 把回访拖到某一天即可改期</translation>
        </message>
        <message>
            <source>Staff</source>
            <translation>员工</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Complete…  (Enter)</source>
            <translation>完成…  (Enter)</translation>
        </message>
        <message>
            <source>Snooze</source>
            <translation>推迟</translation>
        </message>
        <message>
            <source>1 day  (1)</source>
            <translation>1天  (1)</translation>
        </message>
        <message>
            <source>3 days  (3)</source>
            <translation>3天  (3)</translation>
        </message>
        <message>
            <source>1 week  (7)</source>
            <translation>1周  (7)</translation>
        </message>
        <message>
            <source>Reschedule…  (R)</source>
            <translation>改期…  (R)</translation>
        </message>
        <message>
            <source>Open customer</source>
            <translation>打开客户</translation>
        </message>
        <message>
            <source>Past due: %1</source>
            <translation>已逾期：%1</translation>
        </message>
        <message>
            <source>today</source>
            <translation>今天</translation>
        </message>
        <message>
            <source>Agenda for %1: %2</source>
            <translation>%1 的日程：%2</translation>
        </message>
        <message>
            <source>That follow-up is already done.</source>
            <translation>该回访已完成。</translation>
        </message>
    </context>
    <context>
        <name>CampaignBuilder</name>
        <message>
            <source>e.g. Winter check for 4–6 year old cars</source>
            <translation>例如：4–6年车龄冬季检测</translation>
        </message>
        <message>
            <source> days before</source>
            <translation> 天前</translation>
        </message>
        <message>
            <source>Any tier</source>
            <translation>不限等级</translation>
        </message>
        <message>
            <source>Any segment</source>
            <translation>不限分群</translation>
        </message>
        <message>
            <source>Any stage</source>
            <translation>不限阶段</translation>
        </message>
        <message>
            <source>any</source>
            <translation>不限</translation>
        </message>
        <message>
            <source> years</source>
            <translation> 年</translation>
        </message>
        <message>
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <source>Last service before</source>
            <translation>上次保养早于</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>活动名称(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>活动类型(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;Starts on</source>
            <translation>开始日期(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Invite</source>
            <translation>邀约(&amp;I)</translation>
        </message>
        <message>
            <source>&amp;Tier</source>
            <translation>等级(&amp;T)</translation>
        </message>
        <message>
            <source>Se&amp;gment</source>
            <translation>分群(&amp;G)</translation>
        </message>
        <message>
            <source>&amp;Lifecycle</source>
            <translation>生命周期(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Make</source>
            <translation>品牌(&amp;M)</translation>
        </message>
        <message>
            <source>M&amp;odel</source>
            <translation>车型(&amp;O)</translation>
        </message>
        <message>
            <source>Vehicle &amp;age</source>
            <translation>车龄(&amp;A)</translation>
        </message>
        <message>
            <source>Cit&amp;y</source>
            <translation>城市(&amp;Y)</translation>
        </message>
        <message>
            <source>Lang&amp;uage</source>
            <translation>语言(&amp;U)</translation>
        </message>
        <message>
            <source>M&amp;essage</source>
            <translation>短信内容(&amp;E)</translation>
        </message>
        <message>
            <source>Fields: {name} {model} {plate} {date}</source>
            <translation>可用字段：{name} {model} {plate} {date}</translation>
        </message>
        <message>
            <source>&amp;Preview audience</source>
            <translation>预览目标客户(&amp;P)</translation>
        </message>
        <message>
            <source>Create invitations</source>
            <translation>生成邀约</translation>
        </message>
        <message>
            <source>Choose the audience, then Preview.</source>
            <translation>先选择目标客户，再点预览。</translation>
        </message>
        <message>
            <source>Sample message:</source>
            <translation>短信示例：</translation>
        </message>
        <message>
            <source>Left out, and why:</source>
            <translation>排除的客户及原因：</translation>
        </message>
        <message>
            <source>Counting…</source>
            <translation>正在统计…</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; match · &lt;b&gt;%2&lt;/b&gt; invited · &lt;b&gt;%3&lt;/b&gt; left out</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; 位符合 · &lt;b&gt;%2&lt;/b&gt; 位邀约 · &lt;b&gt;%3&lt;/b&gt; 位排除</translation>
        </message>
        <message>
            <source>Fatigue cap: at most %1 non-essential contacts in %2 days</source>
            <translation>打扰上限：%2 天内最多 %1 次非必要联系</translation>
        </message>
        <message>
            <source>(nobody to write to)</source>
            <translation>（没有可发送的客户）</translation>
        </message>
        <message>
            <source>Campaign created; %1 invitations planned</source>
            <translation>活动已创建；已安排 %1 个邀约</translation>
        </message>
        <message>
            <source>Not saved: see the message beside the field.</source>
            <translation>未保存：请查看字段旁的提示。</translation>
        </message>
        <message>
            <source>At risk</source>
            <translation>流失预警</translation>
        </message>
        <message>
            <source>Can't lose them</source>
            <translation>不能流失的大客户</translation>
        </message>
        <message>
            <source>Champions</source>
            <translation>忠实大客户</translation>
        </message>
        <message>
            <source>Gold</source>
            <translation>金卡</translation>
        </message>
        <message>
            <source>Hibernating</source>
            <translation>沉睡客户</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>已流失</translation>
        </message>
        <message>
            <source>Loyal</source>
            <translation>忠诚客户</translation>
        </message>
        <message>
            <source>Potential</source>
            <translation>潜力客户</translation>
        </message>
        <message>
            <source>Prospect</source>
            <translation>意向客户</translation>
        </message>
        <message>
            <source>Standard</source>
            <translation>普通</translation>
        </message>
        <message>
            <source>VIP</source>
            <translation>VIP</translation>
        </message>
        <message>
            <source>active</source>
            <translation>活跃</translation>
        </message>
        <message>
            <source>any city (comma-separated)</source>
            <translation>不限城市（用逗号分隔）</translation>
        </message>
        <message>
            <source>any make, e.g. BYD, Toyota</source>
            <translation>不限品牌，例如 比亚迪, 丰田</translation>
        </message>
        <message>
            <source>any model</source>
            <translation>不限车型</translation>
        </message>
        <message>
            <source>at risk</source>
            <translation>流失预警</translation>
        </message>
        <message>
            <source>lapsed</source>
            <translation>久未到店</translation>
        </message>
        <message>
            <source>lost</source>
            <translation>已流失</translation>
        </message>
        <message>
            <source>new</source>
            <translation>新客户</translation>
        </message>
        <message>
            <source>prospect</source>
            <translation>意向</translation>
        </message>
    </context>
    <context>
        <name>CampaignsModel</name>
        <message>
            <source>Accepted</source>
            <translation>已接受</translation>
        </message>
        <message>
            <source>Calls planned</source>
            <translation>已安排电话</translation>
        </message>
        <message>
            <source>Campaign</source>
            <translation>活动</translation>
        </message>
        <message>
            <source>Invited</source>
            <translation>已邀约</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>活动类型</translation>
        </message>
        <message>
            <source>Reached</source>
            <translation>已接通</translation>
        </message>
        <message>
            <source>Response rate</source>
            <translation>响应率</translation>
        </message>
        <message>
            <source>Starts</source>
            <translation>开始</translation>
        </message>
        <message>
            <source>Visited</source>
            <translation>已到店</translation>
        </message>
    </context>
    <context>
        <name>CampaignsView</name>
        <message>
            <source>Campaigns</source>
            <translation>营销活动</translation>
        </message>
        <message>
            <source>Selected customer:</source>
            <translation>选中的客户：</translation>
        </message>
        <message>
            <source>Copy messages for WeChat/SMS</source>
            <translation>复制微信/短信内容</translation>
        </message>
        <message>
            <source>Name, phone and message of everyone invited, one per line, to paste into a WeChat or SMS batch</source>
            <translation>每位受邀客户的姓名、电话和短信，一行一位，可粘贴到微信或短信群发</translation>
        </message>
        <message>
            <source>Invited customers</source>
            <translation>受邀客户</translation>
        </message>
        <message>
            <source>Campaigns and results</source>
            <translation>营销活动及效果</translation>
        </message>
        <message>
            <source>New campaign</source>
            <translation>新建活动</translation>
        </message>
        <message>
            <source>%1 messages copied</source>
            <translation>已复制 %1 条消息</translation>
        </message>
        <message>
            <source>&amp;Accepted</source>
            <translation>已接受(&amp;A)</translation>
        </message>
        <message>
            <source>C&amp;lear</source>
            <translation>清除(&amp;L)</translation>
        </message>
        <message>
            <source>R&amp;eached</source>
            <translation>已接通(&amp;E)</translation>
        </message>
        <message>
            <source>V&amp;isited</source>
            <translation>已到店(&amp;I)</translation>
        </message>
    </context>
    <context>
        <name>CardDialog</name>
        <message>
            <source>Edit the card — %1</source>
            <translation>编辑会员卡 — %1</translation>
        </message>
        <message>
            <source>Issue a membership card — %1</source>
            <translation>办理会员卡 — %1</translation>
        </message>
        <message>
            <source>automatic</source>
            <translation>自动生成</translation>
        </message>
        <message>
            <source>e.g. free car wash every month, birthday gift</source>
            <translation>例如：每月免费洗车、生日礼物</translation>
        </message>
        <message>
            <source>Suggested by spend: %1</source>
            <translation>按消费建议：%1</translation>
        </message>
        <message>
            <source>not scored yet</source>
            <translation>尚未评分</translation>
        </message>
        <message>
            <source>&amp;Tier</source>
            <translation>等级(&amp;T)</translation>
        </message>
        <message>
            <source>Card &amp;number</source>
            <translation>卡号(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Issued on</source>
            <translation>发卡日期(&amp;I)</translation>
        </message>
        <message>
            <source>&amp;Benefits</source>
            <translation>会员权益(&amp;B)</translation>
        </message>
        <message>
            <source>Card saved</source>
            <translation>会员卡已保存</translation>
        </message>
    </context>
    <context>
        <name>CardPanel</name>
        <message>
            <source>Issue card…</source>
            <translation>办理会员卡…</translation>
        </message>
        <message>
            <source>Accept suggestion</source>
            <translation>采纳建议等级</translation>
        </message>
        <message>
            <source>not scored yet</source>
            <translation>尚未评分</translation>
        </message>
        <message>
            <source>No membership card yet.</source>
            <translation>尚未办理会员卡。</translation>
        </message>
        <message>
            <source>Suggested tier by spend: &lt;b&gt;%1&lt;/b&gt;</source>
            <translation>按消费建议等级：&lt;b&gt;%1&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Card &lt;b&gt;%1&lt;/b&gt; · No. %2 · issued %3</source>
            <translation>会员卡 &lt;b&gt;%1&lt;/b&gt; · 卡号 %2 · %3发卡</translation>
        </message>
        <message>
            <source>Tier set by hand: a new score never changes it.</source>
            <translation>等级为人工设定：重新评分不会改变它。</translation>
        </message>
        <message>
            <source>Suggested by the 24-month spend (%1): &lt;b&gt;%2&lt;/b&gt;</source>
            <translation>按近24个月消费（%1）建议：&lt;b&gt;%2&lt;/b&gt;</translation>
        </message>
        <message>
            <source>The card and the suggestion differ.</source>
            <translation>会员卡等级与建议等级不同。</translation>
        </message>
        <message>
            <source>Benefits: %1</source>
            <translation>权益：%1</translation>
        </message>
        <message>
            <source>Edit card…</source>
            <translation>编辑会员卡…</translation>
        </message>
        <message>
            <source>Accept suggestion: %1</source>
            <translation>采纳建议等级：%1</translation>
        </message>
        <message>
            <source>Card tier updated</source>
            <translation>会员等级已更新</translation>
        </message>
    </context>
    <context>
        <name>CardsModel</name>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Card no.</source>
            <translation>卡号</translation>
        </message>
        <message>
            <source>Card tier</source>
            <translation>会员等级</translation>
        </message>
        <message>
            <source>Suggested</source>
            <translation>建议等级</translation>
        </message>
        <message>
            <source>24-month spend</source>
            <translation>近24个月消费</translation>
        </message>
        <message>
            <source>Issued</source>
            <translation>发卡日期</translation>
        </message>
        <message>
            <source>Benefits</source>
            <translation>权益</translation>
        </message>
        <message>
            <source>Set by hand: a new score never changes it</source>
            <translation>人工设定：重新评分不会改变它</translation>
        </message>
    </context>
    <context>
        <name>CatchUpDialog</name>
        <message>
            <source>Catch-up list</source>
            <translation>补办清单</translation>
        </message>
        <message>
            <source>These follow-ups fell due long before this file's first plan. Review them once: bring the ones worth doing into the plan (they join today's ranking), dismiss the rest.</source>
            <translation>这些回访在本数据库首次排期之前早已到期。请集中处理一次：值得做的加入计划（参与今日排序），其余的忽略。</translation>
        </message>
        <message>
            <source>&amp;Bring into the plan</source>
            <translation>加入计划(&amp;B)</translation>
        </message>
        <message>
            <source>&amp;Dismiss</source>
            <translation>忽略(&amp;D)</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Catch-up list (%1)</source>
            <translation>补办清单 (%1)</translation>
        </message>
    </context>
    <context>
        <name>ComplaintDialog</name>
        <message>
            <source>Record a complaint — %1</source>
            <translation>登记投诉 — %1</translation>
        </message>
        <message>
            <source>Record a complaint</source>
            <translation>登记投诉</translation>
        </message>
        <message>
            <source>C&amp;ustomer</source>
            <translation>客户(&amp;U)</translation>
        </message>
        <message>
            <source>In the customer's words. Ctrl+Enter saves.</source>
            <translation>记录客户原话。按 Ctrl+Enter 保存。</translation>
        </message>
        <message>
            <source>Nobody yet</source>
            <translation>暂未指定</translation>
        </message>
        <message>
            <source>&amp;What happened</source>
            <translation>投诉内容(&amp;W)</translation>
        </message>
        <message>
            <source>&amp;Category</source>
            <translation>类别(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Severity</source>
            <translation>严重程度(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Vehicle</source>
            <translation>车辆(&amp;V)</translation>
        </message>
        <message>
            <source>V&amp;isit</source>
            <translation>到店(&amp;I)</translation>
        </message>
        <message>
            <source>&amp;Assign to</source>
            <translation>指派给(&amp;A)</translation>
        </message>
        <message>
            <source>Save  (Ctrl+Enter)</source>
            <translation>保存  (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>—</source>
            <translation>—</translation>
        </message>
        <message>
            <source>find and choose the customer first</source>
            <translation>请先查找并选择客户</translation>
        </message>
        <message>
            <source>Complaint recorded</source>
            <translation>投诉已登记</translation>
        </message>
        <message>
            <source>sale</source>
            <translation>销售</translation>
        </message>
        <message>
            <source>service</source>
            <translation>售后</translation>
        </message>
    </context>
    <context>
        <name>ComplaintStepDialog</name>
        <message>
            <source>First response — #%1 %2</source>
            <translation>首次响应 — #%1 %2</translation>
        </message>
        <message>
            <source>Resolve — #%1 %2</source>
            <translation>处理完成 — #%1 %2</translation>
        </message>
        <message>
            <source>Close — #%1 %2</source>
            <translation>结案 — #%1 %2</translation>
        </message>
        <message>
            <source>not asked</source>
            <translation>未询问</translation>
        </message>
        <message>
            <source>What we told the customer, and the next step</source>
            <translation>我们对客户的答复及下一步</translation>
        </message>
        <message>
            <source>&amp;Response</source>
            <translation>响应内容(&amp;R)</translation>
        </message>
        <message>
            <source>What was done about it</source>
            <translation>采取的处理措施</translation>
        </message>
        <message>
            <source>&amp;Resolution</source>
            <translation>处理结果(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Satisfied with the resolution (1–5)</source>
            <translation>对处理结果的满意度（1–5）(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Note</source>
            <translation>备注(&amp;N)</translation>
        </message>
        <message>
            <source>Response recorded</source>
            <translation>响应已记录</translation>
        </message>
        <message>
            <source>Resolved; the satisfaction call is planned</source>
            <translation>已处理；已安排满意度回访</translation>
        </message>
        <message>
            <source>Complaint closed</source>
            <translation>投诉已结案</translation>
        </message>
    </context>
    <context>
        <name>ComplaintsModel</name>
        <message>
            <source>#</source>
            <translation>#</translation>
        </message>
        <message>
            <source>Age</source>
            <translation>时长</translation>
        </message>
        <message>
            <source>Category</source>
            <translation>类别</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Opened</source>
            <translation>登记时间</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <source>Past target</source>
            <translation>超时</translation>
        </message>
        <message>
            <source>Respond by</source>
            <translation>响应期限</translation>
        </message>
        <message>
            <source>Severity</source>
            <translation>严重程度</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>%1 d</source>
            <translation>%1天</translation>
        </message>
        <message>
            <source>Response late</source>
            <translation>响应超时</translation>
        </message>
        <message>
            <source>Resolution late</source>
            <translation>处理超时</translation>
        </message>
    </context>
    <context>
        <name>ComplaintsView</name>
        <message>
            <source>Complaints</source>
            <translation>投诉</translation>
        </message>
        <message>
            <source>&amp;New complaint…</source>
            <translation>新建投诉(&amp;N)…</translation>
        </message>
        <message>
            <source>Not resolved</source>
            <translation>未解决</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>Everyone</source>
            <translation>所有人</translation>
        </message>
        <message>
            <source>All categories</source>
            <translation>全部类别</translation>
        </message>
        <message>
            <source>Past target only</source>
            <translation>仅看超时</translation>
        </message>
        <message>
            <source>No complaint matches these filters.</source>
            <translation>没有符合筛选条件的投诉。</translation>
        </message>
        <message>
            <source>R&amp;espond…</source>
            <translation>响应(&amp;E)…</translation>
        </message>
        <message>
            <source>Re&amp;solve…</source>
            <translation>处理完成(&amp;S)…</translation>
        </message>
        <message>
            <source>C&amp;lose…</source>
            <translation>结案(&amp;L)…</translation>
        </message>
        <message>
            <source>&amp;Open customer</source>
            <translation>打开客户(&amp;O)</translation>
        </message>
        <message>
            <source>Median first response: %1</source>
            <translation>首次响应中位数：%1</translation>
        </message>
        <message>
            <source>%1 h</source>
            <translation>%1小时</translation>
        </message>
        <message>
            <source>Complaints opened in the last 90 days; %1 answered</source>
            <translation>近90天的投诉；已响应 %1 件</translation>
        </message>
        <message>
            <source>Past target: %1</source>
            <translation>超时：%1</translation>
        </message>
        <message>
            <source>Select a complaint.</source>
            <translation>请选择一条投诉。</translation>
        </message>
        <message>
            <source>3 days or older</source>
            <translation>3天及以上</translation>
        </message>
        <message>
            <source>Any age</source>
            <translation>不限时长</translation>
        </message>
        <message>
            <source>First answer after %1 h</source>
            <translation>%1 小时后首次响应</translation>
        </message>
        <message>
            <source>History</source>
            <translation>历史记录</translation>
        </message>
        <message>
            <source>Respond by %1 · resolve by %2</source>
            <translation>%1 前响应 · %2 前解决</translation>
        </message>
        <message>
            <source>a month or older</source>
            <translation>一个月及以上</translation>
        </message>
        <message>
            <source>a week or older</source>
            <translation>一周及以上</translation>
        </message>
    </context>
    <context>
        <name>CompleteDialog</name>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>SMS</source>
            <translation>短信</translation>
        </message>
        <message>
            <source>WeChat</source>
            <translation>微信</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>电子邮件</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>到店</translation>
        </message>
        <message>
            <source>Log the contact — %1</source>
            <translation>记录联系 — %1</translation>
        </message>
        <message>
            <source>Outcome (press the letter)</source>
            <translation>结果（按对应字母）</translation>
        </message>
        <message>
            <source>Optional: what was said, next step…</source>
            <translation>可选：沟通内容、下一步…</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Then take the loyalty &amp;survey</source>
            <translation>接着做忠诚度调查(&amp;S)</translation>
        </message>
    </context>
    <context>
        <name>CustomerDetail</name>
        <message>
            <source>← &amp;Back</source>
            <translation>← 返回(&amp;B)</translation>
        </message>
        <message>
            <source>&amp;Log contact…</source>
            <translation>记录联系(&amp;L)…</translation>
        </message>
        <message>
            <source>Follo&amp;w-up…</source>
            <translation>新建回访(&amp;W)…</translation>
        </message>
        <message>
            <source>Co&amp;mplaint…</source>
            <translation>投诉(&amp;M)…</translation>
        </message>
        <message>
            <source>Survey…</source>
            <translation>满意度调查…</translation>
        </message>
        <message>
            <source>Add vehicle…</source>
            <translation>添加车辆…</translation>
        </message>
        <message>
            <source>Mark l&amp;ost…</source>
            <translation>标记流失(&amp;O)…</translation>
        </message>
        <message>
            <source>&amp;Delete…</source>
            <translation>删除(&amp;D)…</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>保存(&amp;S)</translation>
        </message>
        <message>
            <source>Revert</source>
            <translation>撤销修改</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>&amp;Timeline</source>
            <translation>时间线(&amp;T)</translation>
        </message>
        <message>
            <source>V&amp;ehicles</source>
            <translation>车辆(&amp;E)</translation>
        </message>
        <message>
            <source>Follow-&amp;ups</source>
            <translation>回访(&amp;U)</translation>
        </message>
        <message>
            <source>Follow-&amp;ups (%1)</source>
            <translation>回访(&amp;U) (%1)</translation>
        </message>
        <message>
            <source>Referrals</source>
            <translation>转介绍</translation>
        </message>
        <message>
            <source>Referrals (%1)</source>
            <translation>转介绍（%1）</translation>
        </message>
        <message>
            <source>Contact pauses</source>
            <translation>暂停联系</translation>
        </message>
        <message>
            <source>Contact pauses (%1)</source>
            <translation>暂停联系（%1）</translation>
        </message>
        <message>
            <source>Loading…</source>
            <translation>正在加载…</translation>
        </message>
        <message>
            <source>Showing the latest %1 entries.</source>
            <translation>仅显示最近 %1 条记录。</translation>
        </message>
        <message>
            <source>V&amp;ehicles (%1)</source>
            <translation>车辆(&amp;E) (%1)</translation>
        </message>
        <message>
            <source>Customer not found</source>
            <translation>找不到该客户</translation>
        </message>
        <message>
            <source>Company</source>
            <translation>公司</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>个人</translation>
        </message>
        <message>
            <source>lost %1: %2</source>
            <translation>%1流失：%2</translation>
        </message>
        <message>
            <source>assigned to %1</source>
            <translation>负责人：%1</translation>
        </message>
        <message>
            <source>stage: %1</source>
            <translation>阶段：%1</translation>
        </message>
        <message>
            <source>Risk of leaving, 0–100</source>
            <translation>流失风险，0–100</translation>
        </message>
        <message>
            <source>Saved</source>
            <translation>已保存</translation>
        </message>
        <message>
            <source>Unsaved changes</source>
            <translation>有未保存的修改</translation>
        </message>
        <message>
            <source>Save your changes to %1 before leaving?</source>
            <translation>离开前保存对 %1 的修改吗？</translation>
        </message>
        <message>
            <source>Delete customer</source>
            <translation>删除客户</translation>
        </message>
        <message>
            <source>Delete %1? The customer disappears from lists and follow-ups; the history stays for reports.</source>
            <translation>删除 %1？该客户将从列表和回访中消失，历史记录仍保留用于报表。</translation>
        </message>
        <message>
            <source>Customer deleted</source>
            <translation>客户已删除</translation>
        </message>
        <message>
            <source>&lt;b&gt;Risk %1 (%2)&lt;/b&gt;</source>
            <translation>&lt;b&gt;流失风险 %1（%2）&lt;/b&gt;</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>At risk</source>
            <translation>流失预警</translation>
        </message>
        <message>
            <source>Standard</source>
            <translation>普通</translation>
        </message>
        <message>
            <source>at_risk</source>
            <translation>流失预警</translation>
        </message>
        <message>
            <source>medium</source>
            <translation>中</translation>
        </message>
        <message>
            <source>still active: %1%</source>
            <translation>仍活跃概率：%1%</translation>
        </message>
        <message>
            <source>suggested: %1</source>
            <translation>建议：%1</translation>
        </message>
        <message>
            <source>Champions</source>
            <translation>忠实大客户</translation>
        </message>
        <message>
            <source>Loyal</source>
            <translation>忠诚客户</translation>
        </message>
        <message>
            <source>Potential</source>
            <translation>潜力客户</translation>
        </message>
        <message>
            <source>Can't lose them</source>
            <translation>不能流失的大客户</translation>
        </message>
        <message>
            <source>Hibernating</source>
            <translation>沉睡客户</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>已流失</translation>
        </message>
        <message>
            <source>Prospect</source>
            <translation>意向客户</translation>
        </message>
        <message>
            <source>VIP</source>
            <translation>VIP</translation>
        </message>
        <message>
            <source>Gold</source>
            <translation>金卡</translation>
        </message>
        <message>
            <source>prospect</source>
            <translation>意向</translation>
        </message>
        <message>
            <source>new</source>
            <translation>新客户</translation>
        </message>
        <message>
            <source>active</source>
            <translation>活跃</translation>
        </message>
        <message>
            <source>lapsed</source>
            <translation>久未到店</translation>
        </message>
        <message>
            <source>lost</source>
            <translation>已流失</translation>
        </message>
        <message>
            <source>low</source>
            <translation>低</translation>
        </message>
        <message>
            <source>high</source>
            <translation>高</translation>
        </message>
        <message>
            <source>Moved away</source>
            <translation>已搬走</translation>
        </message>
        <message>
            <source>Deceased</source>
            <translation>已故</translation>
        </message>
        <message>
            <source>&lt;br&gt;No warning signs.</source>
            <translation>&lt;br&gt;暂无预警信号。</translation>
        </message>
    </context>
    <context>
        <name>CustomerFollowups</name>
        <message>
            <source>Held back by the contact limit:</source>
            <translation>因联系频次上限暂缓：</translation>
        </message>
    </context>
    <context>
        <name>CustomerPicker</name>
        <message>
            <source>Name, pinyin initials, phone, plate or VIN</source>
            <translation>姓名、拼音首字母、电话、车牌或车架号</translation>
        </message>
        <message>
            <source>No customer matches “%1”</source>
            <translation>没有与“%1”匹配的客户</translation>
        </message>
    </context>
    <context>
        <name>CustomerReferrals</name>
        <message>
            <source>Has not referred anyone yet.</source>
            <translation>尚未推荐过客户。</translation>
        </message>
        <message>
            <source>Brought %1; %2 came</source>
            <translation>推荐%1位，%2位已到店</translation>
        </message>
    </context>
    <context>
        <name>CustomerTableModel</name>
        <message>
            <source>Active</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>Assigned to</source>
            <translation>负责人</translation>
        </message>
        <message>
            <source>City</source>
            <translation>城市</translation>
        </message>
        <message>
            <source>Last contact</source>
            <translation>最近联系</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>已流失</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Plate</source>
            <translation>车牌</translation>
        </message>
        <message>
            <source>Risk</source>
            <translation>流失风险</translation>
        </message>
        <message>
            <source>Segment</source>
            <translation>分群</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Tier</source>
            <translation>等级</translation>
        </message>
        <message>
            <source>low</source>
            <translation>低</translation>
        </message>
        <message>
            <source>medium</source>
            <translation>中</translation>
        </message>
        <message>
            <source>high</source>
            <translation>高</translation>
        </message>
        <message>
            <source>lost</source>
            <translation>已流失</translation>
        </message>
        <message>
            <source>Card</source>
            <translation>会员卡</translation>
        </message>
        <message>
            <source>This column cannot be sorted</source>
            <translation>此列不能排序</translation>
        </message>
        <message>
            <source>(no longer in the list)</source>
            <translation>（已不在列表中）</translation>
        </message>
        <message>
            <source>never</source>
            <translation>从未</translation>
        </message>
        <message>
            <source>Not scored yet</source>
            <translation>尚未评分</translation>
        </message>
        <message>
            <source>Risk {score} of 100 ({band})</source>
            <translation>流失风险 {score}/100（{band}）</translation>
        </message>
        <message>
            <source>Company</source>
            <translation>公司</translation>
        </message>
        <message>
            <source>Card tier set by hand (the suggestion is %1)</source>
            <translation>会员等级为人工设定（建议等级为%1）</translation>
        </message>
    </context>
    <context>
        <name>CustomersView</name>
        <message>
            <source>Search name, pinyin initials, phone, plate or VIN  (Ctrl+F)</source>
            <translation>搜索姓名、拼音首字母、电话、车牌或车架号  (Ctrl+F)</translation>
        </message>
        <message>
            <source>Any tier</source>
            <translation>不限等级</translation>
        </message>
        <message>
            <source>Any segment</source>
            <translation>不限分群</translation>
        </message>
        <message>
            <source>Any risk</source>
            <translation>不限风险</translation>
        </message>
        <message>
            <source>Anyone</source>
            <translation>所有人</translation>
        </message>
        <message>
            <source>&amp;New customer…</source>
            <translation>新建客户(&amp;N)…</translation>
        </message>
        <message>
            <source>Searching…</source>
            <translation>正在搜索…</translation>
        </message>
        <message>
            <source>No customer matches</source>
            <translation>没有匹配的客户</translation>
        </message>
        <message>
            <source>  ·  %1 ms</source>
            <translation>  ·  %1 毫秒</translation>
        </message>
        <message>
            <source>Sorting…</source>
            <translation>正在排序…</translation>
        </message>
        <message>
            <source>Already lost</source>
            <translation>已流失</translation>
        </message>
        <message>
            <source>At risk</source>
            <translation>流失预警</translation>
        </message>
        <message>
            <source>Can't lose them</source>
            <translation>不能流失的大客户</translation>
        </message>
        <message>
            <source>Champions</source>
            <translation>忠实大客户</translation>
        </message>
        <message>
            <source>Gold</source>
            <translation>金卡</translation>
        </message>
        <message>
            <source>Hibernating</source>
            <translation>沉睡客户</translation>
        </message>
        <message>
            <source>High risk</source>
            <translation>高风险</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>已流失</translation>
        </message>
        <message>
            <source>Low risk</source>
            <translation>低风险</translation>
        </message>
        <message>
            <source>Loyal</source>
            <translation>忠诚客户</translation>
        </message>
        <message>
            <source>Medium risk</source>
            <translation>中风险</translation>
        </message>
        <message>
            <source>Potential</source>
            <translation>潜力客户</translation>
        </message>
        <message>
            <source>Prospect</source>
            <translation>意向客户</translation>
        </message>
        <message>
            <source>Standard</source>
            <translation>普通</translation>
        </message>
        <message>
            <source>VIP</source>
            <translation>VIP</translation>
        </message>
    </context>
    <context>
        <name>DashboardView</name>
        <message>
            <source>the period before</source>
            <translation>上一期</translation>
        </message>
        <message>
            <source>the same period a year before</source>
            <translation>去年同期</translation>
        </message>
        <message>
            <source>&amp;Show</source>
            <translation>显示(&amp;S)</translation>
        </message>
        <message>
            <source>Period</source>
            <translation>期间</translation>
        </message>
        <message>
            <source>compared with</source>
            <translation>对比</translation>
        </message>
        <message>
            <source>No data in this period</source>
            <translation>本期无数据</translation>
        </message>
        <message>
            <source>Growth target per year:</source>
            <translation>每年增长目标：</translation>
        </message>
        <message>
            <source>Staff</source>
            <translation>员工</translation>
        </message>
        <message>
            <source>Follow-ups on time</source>
            <translation>按时回访</translation>
        </message>
        <message>
            <source>Calls made</source>
            <translation>外呼电话</translation>
        </message>
        <message>
            <source>Complaints within target</source>
            <translation>按时处理的投诉</translation>
        </message>
        <message>
            <source>Retention of own customers</source>
            <translation>名下客户保留率</translation>
        </message>
        <message>
            <source>(double-click a person's retention for the customers they lost)</source>
            <translation>（双击某员工的保留率，查看其流失的客户）</translation>
        </message>
        <message>
            <source>Computing…</source>
            <translation>正在计算…</translation>
        </message>
        <message>
            <source>Compared with %1 – %2 (computed in %3 s)</source>
            <translation>对比%1 – %2（用时%3秒）</translation>
        </message>
        <message>
            <source>was %1</source>
            <translation>上期%1</translation>
        </message>
        <message>
            <source>pts</source>
            <translation>个百分点</translation>
        </message>
        <message>
            <source>first response (h)</source>
            <translation>首次回应（小时）</translation>
        </message>
        <message>
            <source>resolution (h)</source>
            <translation>解决用时（小时）</translation>
        </message>
        <message>
            <source>made</source>
            <translation>推荐</translation>
        </message>
        <message>
            <source>converted</source>
            <translation>已成交</translation>
        </message>
        <message>
            <source>No churn measured in this period</source>
            <translation>本期未测得流失率</translation>
        </message>
        <message>
            <source>customers lost</source>
            <translation>流失的客户</translation>
        </message>
        <message>
            <source>customers owned</source>
            <translation>名下客户</translation>
        </message>
    </context>
    <context>
        <name>DataActions</name>
        <message>
            <source>&amp;Import customers…</source>
            <translation>导入客户(&amp;I)…</translation>
        </message>
        <message>
            <source>&amp;Undo an import…</source>
            <translation>撤销一次导入(&amp;U)…</translation>
        </message>
        <message>
            <source>Export &amp;vehicles…</source>
            <translation>导出车辆(&amp;V)…</translation>
        </message>
        <message>
            <source>Export the customer &amp;list…</source>
            <translation>导出客户列表(&amp;L)…</translation>
        </message>
        <message>
            <source>Export &amp;follow-ups…</source>
            <translation>导出回访(&amp;F)…</translation>
        </message>
        <message>
            <source>Export &amp;complaints…</source>
            <translation>导出投诉(&amp;C)…</translation>
        </message>
        <message>
            <source>Follow-ups to a phone calen&amp;dar (.ics)…</source>
            <translation>回访导出到手机日历(&amp;D) (.ics)…</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <source>CSV for Excel (*.csv)</source>
            <translation>Excel 用 CSV (*.csv)</translation>
        </message>
        <message>
            <source>Excel workbook (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>vCard contacts (*.vcf)</source>
            <translation>vCard 通讯录 (*.vcf)</translation>
        </message>
        <message>
            <source>Phone calendar</source>
            <translation>手机日历</translation>
        </message>
        <message>
            <source>There is no staff member yet.</source>
            <translation>还没有员工。</translation>
        </message>
        <message>
            <source>Whose follow-ups, from today on:</source>
            <translation>谁的回访（从今天起）：</translation>
        </message>
        <message>
            <source>Save the calendar</source>
            <translation>保存日历</translation>
        </message>
        <message>
            <source>iCalendar (*.ics)</source>
            <translation>iCalendar 日历 (*.ics)</translation>
        </message>
        <message>
            <source>Undo an import</source>
            <translation>撤销导入</translation>
        </message>
        <message>
            <source>There is no import to undo.</source>
            <translation>没有可撤销的导入。</translation>
        </message>
        <message>
            <source>%1  %2: %3 customers, %4 vehicles, %5 purchases and visits</source>
            <translation>%1  %2：%3 位客户，%4 辆车，%5 条购车和到店记录</translation>
        </message>
        <message>
            <source>Everything the chosen import created will be removed:</source>
            <translation>将删除所选导入创建的全部数据：</translation>
        </message>
        <message>
            <source>The import was undone</source>
            <translation>导入已撤销</translation>
        </message>
        <message>
            <source>Wrote %1 (%2 rows)</source>
            <translation>已写入 %1（%2 行）</translation>
        </message>
    </context>
    <context>
        <name>DealerDesk</name>
        <message>
            <source>Vehicle: %1</source>
            <translation>车辆：%1</translation>
        </message>
        <message>
            <source>Visit: %1</source>
            <translation>到店：%1</translation>
        </message>
        <message>
            <source>Respond by %1 · resolve by %2</source>
            <translation>%1 前响应 · %2 前解决</translation>
        </message>
        <message>
            <source>First answer after %1 h</source>
            <translation>%1 小时后首次响应</translation>
        </message>
        <message>
            <source>Customer's satisfaction with the resolution: %1 of 5</source>
            <translation>客户对处理结果的满意度：%1/5</translation>
        </message>
        <message>
            <source>History</source>
            <translation>历史记录</translation>
        </message>
        <message>
            <source>Note</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Not scored yet: the risk score appears after the next analysis (Today or the at-risk report).</source>
            <translation>尚未评分：下次分析后（打开今日或生成流失预警报表）显示流失风险分。</translation>
        </message>
        <message>
            <source>suggested: %1</source>
            <translation>建议：%1</translation>
        </message>
        <message>
            <source>&lt;b&gt;Risk %1 (%2)&lt;/b&gt;</source>
            <translation>&lt;b&gt;流失风险 %1（%2）&lt;/b&gt;</translation>
        </message>
        <message>
            <source>&lt;br&gt;No warning signs.</source>
            <translation>&lt;br&gt;暂无预警信号。</translation>
        </message>
        <message>
            <source>Overdue on today's list</source>
            <translation>今日清单中的逾期</translation>
        </message>
        <message>
            <source>Past their due day and still open</source>
            <translation>已过到期日仍未完成</translation>
        </message>
        <message>
            <source>Due today</source>
            <translation>今日到期</translation>
        </message>
        <message>
            <source>Later</source>
            <translation>稍后</translation>
        </message>
        <message>
            <source>Past today's capacity: counted, shown with Later</source>
            <translation>超出今日处理量：已计数，在“稍后”中显示</translation>
        </message>
        <message>
            <source>Retention, 12 months</source>
            <translation>12个月留存率</translation>
        </message>
        <message>
            <source>%1 of %2 customers active a year ago are still active</source>
            <translation>一年前活跃的 %2 位客户中仍有 %1 位活跃</translation>
        </message>
        <message>
            <source>NPS</source>
            <translation>净推荐值</translation>
        </message>
        <message>
            <source>%1 answers in 12 months</source>
            <translation>12个月内 %1 份答卷</translation>
        </message>
        <message>
            <source>Complaint first response</source>
            <translation>投诉首次响应</translation>
        </message>
        <message>
            <source>%1 h</source>
            <translation>%1小时</translation>
        </message>
        <message>
            <source>Median hours to the first answer; target 24 h</source>
            <translation>首次响应时长中位数；目标 24 小时</translation>
        </message>
        <message>
            <source>Complaints unanswered</source>
            <translation>未响应投诉</translation>
        </message>
    </context>
    <context>
        <name>DealershipPage</name>
        <message>
            <source>Your dealership</source>
            <translation>您的经销店</translation>
        </message>
        <message>
            <source>The name is printed at the top of every report.</source>
            <translation>名称会印在每份报表的顶部。</translation>
        </message>
        <message>
            <source>e.g. 鑫源汽车 Xinyuan Motors</source>
            <translation>例如：鑫源汽车</translation>
        </message>
        <message>
            <source>&amp;Dealership name:</source>
            <translation>经销店名称(&amp;D)：</translation>
        </message>
        <message>
            <source>&amp;Language:</source>
            <translation>语言(&amp;L)：</translation>
        </message>
    </context>
    <context>
        <name>DrillDialog</name>
        <message>
            <source>%1 customers</source>
            <translation>%1位客户</translation>
        </message>
        <message>
            <source>(the first %1 by name)</source>
            <translation>（按姓名排列的前%1位）</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <source>Risk</source>
            <translation>流失风险</translation>
        </message>
        <message>
            <source>Last visit</source>
            <translation>最近到店</translation>
        </message>
    </context>
    <context>
        <name>DriverDialog</name>
        <message>
            <source>Driver — %1</source>
            <translation>用车人 — %1</translation>
        </message>
        <message>
            <source>Not known</source>
            <translation>未知</translation>
        </message>
        <message>
            <source>&amp;Driver</source>
            <translation>用车人(&amp;D)</translation>
        </message>
    </context>
    <context>
        <name>DuplicatesModel</name>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Possible duplicate</source>
            <translation>疑似重复</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>原因</translation>
        </message>
    </context>
    <context>
        <name>DuplicatesView</name>
        <message>
            <source>Likely duplicate customers</source>
            <translation>疑似重复客户</translation>
        </message>
        <message>
            <source>Find a&amp;gain</source>
            <translation>重新查找(&amp;G)</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>&amp;Keep this one, merge the other into it</source>
            <translation>保留这位，把另一位合并进来(&amp;K)</translation>
        </message>
        <message>
            <source>Possible duplicate</source>
            <translation>疑似重复</translation>
        </message>
        <message>
            <source>K&amp;eep this one, merge the other into it</source>
            <translation>保留这位，把另一位合并进来(&amp;E)</translation>
        </message>
        <message>
            <source>A merge moves every vehicle, visit, contact, complaint, survey, referral and follow-up to the customer you keep, fills their empty details from the other, and records the merged customer in the audit log.</source>
            <translation>合并会把车辆、到店、联系、投诉、调查、转介绍和回访全部移到保留的客户名下，用另一位的资料补全空白项，并在审计日志中记录被合并的客户。</translation>
        </message>
        <message>
            <source>Looking…</source>
            <translation>正在查找…</translation>
        </message>
        <message>
            <source>%1 pairs to check</source>
            <translation>%1 对待核对</translation>
        </message>
        <message>
            <source>Merge %1 (#%2) into %3 (#%4)? %1 will no longer exist on its own.</source>
            <translation>把 %1（#%2）合并到 %3（#%4）？合并后 %1 将不再单独存在。</translation>
        </message>
        <message>
            <source>Merge customers</source>
            <translation>合并客户</translation>
        </message>
        <message>
            <source>Customers merged</source>
            <translation>客户已合并</translation>
        </message>
    </context>
    <context>
        <name>Errors</name>
        <message>
            <source>Cannot do that</source>
            <translation>无法执行该操作</translation>
        </message>
        <message>
            <source>Cannot save</source>
            <translation>无法保存</translation>
        </message>
        <message>
            <source>DealerDesk ran into an unexpected problem, and the last action may not have been completed. Please try again; if it happens again, send the log file to your support contact.</source>
            <translation>DealerDesk 遇到意外问题，刚才的操作可能没有完成。请再试一次；如果仍然出现，请把日志文件发给技术支持。</translation>
        </message>
        <message>
            <source>Log file: %1</source>
            <translation>日志文件：%1</translation>
        </message>
        <message>
            <source>Something went wrong</source>
            <translation>出现问题</translation>
        </message>
    </context>
    <context>
        <name>ExchangeDialog</name>
        <message>
            <source>Customer exchanged with %1</source>
            <translation>与%1往来的客户</translation>
        </message>
        <message>
            <source>C&amp;ustomer</source>
            <translation>客户(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Direction</source>
            <translation>方向(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;On</source>
            <translation>启用(&amp;O)</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Find the customer and pick them</source>
            <translation>请搜索并选择客户</translation>
        </message>
        <message>
            <source>Customer added to the partner</source>
            <translation>已添加到该合作方</translation>
        </message>
    </context>
    <context>
        <name>ExchangesModel</name>
        <message>
            <source>Reported by the partner</source>
            <translation>由合作方报送</translation>
        </message>
        <message>
            <source>Spent at the dealership since the referral</source>
            <translation>介绍以来在本店的消费</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Direction</source>
            <translation>方向</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>介绍日期</translation>
        </message>
        <message>
            <source>Spend</source>
            <translation>消费金额</translation>
        </message>
    </context>
    <context>
        <name>ExcludedModel</name>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Left out because</source>
            <translation>排除原因</translation>
        </message>
    </context>
    <context>
        <name>FirstRunWizard</name>
        <message>
            <source>Welcome to DealerDesk</source>
            <translation>欢迎使用 DealerDesk</translation>
        </message>
    </context>
    <context>
        <name>FleetModel</name>
        <message>
            <source>Plate</source>
            <translation>车牌</translation>
        </message>
        <message>
            <source>Vehicle</source>
            <translation>车辆</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>年份</translation>
        </message>
        <message>
            <source>Bought</source>
            <translation>购车日期</translation>
        </message>
        <message>
            <source>Driver</source>
            <translation>用车人</translation>
        </message>
    </context>
    <context>
        <name>FollowupActions</name>
        <message>
            <source>Logged: %1 — %2</source>
            <translation>已记录：%1 — %2</translation>
        </message>
        <message>
            <source>Snoozed %1 by %2 day(s)</source>
            <translation>已将 %1 推迟 %2 天</translation>
        </message>
        <message>
            <source>Moved %1 to %2</source>
            <translation>已将 %1 改到 %2</translation>
        </message>
        <message>
            <source>Follow-up not changed</source>
            <translation>回访未更改</translation>
        </message>
    </context>
    <context>
        <name>FollowupKind</name>
        <message>
            <source>Birthday greeting</source>
            <translation>生日祝福</translation>
        </message>
        <message>
            <source>Call back</source>
            <translation>回电</translation>
        </message>
        <message>
            <source>Campaign invitation</source>
            <translation>活动邀约</translation>
        </message>
        <message>
            <source>Complaint follow-up</source>
            <translation>投诉回访</translation>
        </message>
        <message>
            <source>Declined-work follow-up</source>
            <translation>未做项目回访</translation>
        </message>
        <message>
            <source>Follow-up</source>
            <translation>回访</translation>
        </message>
        <message>
            <source>Holiday greeting</source>
            <translation>节日祝福</translation>
        </message>
        <message>
            <source>Inspection reminder</source>
            <translation>年检提醒</translation>
        </message>
        <message>
            <source>Insurance renewal call</source>
            <translation>续保提醒</translation>
        </message>
        <message>
            <source>Maintenance reminder</source>
            <translation>保养提醒</translation>
        </message>
        <message>
            <source>Personal date greeting</source>
            <translation>纪念日祝福</translation>
        </message>
        <message>
            <source>Purchase anniversary greeting</source>
            <translation>购车周年祝福</translation>
        </message>
        <message>
            <source>Satisfaction call</source>
            <translation>满意度回访</translation>
        </message>
        <message>
            <source>Stay-in-touch call</source>
            <translation>关怀回访</translation>
        </message>
        <message>
            <source>Thank-you message</source>
            <translation>感谢短信</translation>
        </message>
        <message>
            <source>Trade-in invitation</source>
            <translation>置换邀约</translation>
        </message>
        <message>
            <source>Usage check-in</source>
            <translation>用车回访</translation>
        </message>
        <message>
            <source>Warranty extension call</source>
            <translation>延保提醒</translation>
        </message>
        <message>
            <source>Win-back call</source>
            <translation>挽回回访</translation>
        </message>
        <message>
            <source>First-service reminder</source>
            <translation>首保提醒</translation>
        </message>
        <message>
            <source>Lapsed first service</source>
            <translation>首保流失回访</translation>
        </message>
        <message>
            <source>Insurance renewal, 2nd call</source>
            <translation>续保第二次提醒</translation>
        </message>
        <message>
            <source>Insurance renewal, last call</source>
            <translation>续保最后一次提醒</translation>
        </message>
        <message>
            <source>Record the new owner</source>
            <translation>登记新车主</translation>
        </message>
        <message>
            <source>Added-value offer</source>
            <translation>增值服务推荐</translation>
        </message>
    </context>
    <context>
        <name>FormDialog</name>
        <message>
            <source>Saved</source>
            <translation>已保存</translation>
        </message>
    </context>
    <context>
        <name>ImportWizard</name>
        <message>
            <source>Import customers</source>
            <translation>导入客户</translation>
        </message>
        <message>
            <source>&lt; &amp;Back</source>
            <translation>&lt; 上一步(&amp;B)</translation>
        </message>
        <message>
            <source>&amp;Next &gt;</source>
            <translation>下一步 &gt;(&amp;N)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>A .csv, .xlsx, .xls or .vcf file</source>
            <translation>.csv、.xlsx、.xls 或 .vcf 文件</translation>
        </message>
        <message>
            <source>&amp;Browse…</source>
            <translation>浏览(&amp;B)…</translation>
        </message>
        <message>
            <source>Sheet:</source>
            <translation>工作表：</translation>
        </message>
        <message>
            <source>Customers with their vehicles, purchases and service visits, one row each. Columns are recognised by their headers (姓名, 手机, 车牌, 车架号, 购车日期, 保养日期… or Name, Phone, Plate, VIN…). Files from Chinese Excel (GBK) and UTF-8 both work.

Nothing is written until the last step, and then everything or nothing: a file with any error is refused whole. Importing the same file again adds nothing.</source>
            <translation>客户及其车辆、购车和保养到店记录，每行一条。按表头识别各列（姓名、手机、车牌、车架号、购车日期、保养日期…或 Name、Phone、Plate、VIN…）。中文 Excel（GBK）和 UTF-8 文件都可以。

最后一步之前不写入任何数据，且要么全部导入、要么全部不导入：文件中只要有一处错误就整体拒绝。同一文件再次导入不会重复添加。</translation>
        </message>
        <message>
            <source>Column in the file</source>
            <translation>文件中的列</translation>
        </message>
        <message>
            <source>First values</source>
            <translation>前几个值</translation>
        </message>
        <message>
            <source>Import as</source>
            <translation>导入为</translation>
        </message>
        <message>
            <source>Row</source>
            <translation>行</translation>
        </message>
        <message>
            <source>Column</source>
            <translation>列</translation>
        </message>
        <message>
            <source>Value</source>
            <translation>值</translation>
        </message>
        <message>
            <source>Problem</source>
            <translation>问题</translation>
        </message>
        <message>
            <source>&amp;Save the problems as a spreadsheet…</source>
            <translation>把问题另存为表格(&amp;S)…</translation>
        </message>
        <message>
            <source>New customer</source>
            <translation>新建客户</translation>
        </message>
        <message>
            <source>Mobile</source>
            <translation>手机</translation>
        </message>
        <message>
            <source>Vehicles and visits</source>
            <translation>车辆和到店</translation>
        </message>
        <message>
            <source>&amp;Undo this import</source>
            <translation>撤销本次导入(&amp;U)</translation>
        </message>
        <message>
            <source>1. Choose the file</source>
            <translation>1. 选择文件</translation>
        </message>
        <message>
            <source>2. Check which column is which</source>
            <translation>2. 核对各列含义</translation>
        </message>
        <message>
            <source>3. Check the rows</source>
            <translation>3. 检查数据行</translation>
        </message>
        <message>
            <source>4. Import</source>
            <translation>4. 导入</translation>
        </message>
        <message>
            <source>&amp;Import</source>
            <translation>导入(&amp;I)</translation>
        </message>
        <message>
            <source>Checking…</source>
            <translation>正在检查…</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>关闭</translation>
        </message>
        <message>
            <source>Choose the file to import</source>
            <translation>选择要导入的文件</translation>
        </message>
        <message>
            <source>Tables (*.csv *.xlsx *.xls *.vcf *.txt)</source>
            <translation>表格 (*.csv *.xlsx *.xls *.vcf *.txt)</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>正在取消…</translation>
        </message>
        <message>
            <source>Choose a file first.</source>
            <translation>请先选择文件。</translation>
        </message>
        <message>
            <source>The mapping saved for files of this shape</source>
            <translation>为此类文件保存的列对应关系</translation>
        </message>
        <message>
            <source>The mapping from the mapping file</source>
            <translation>映射文件中的列对应关系</translation>
        </message>
        <message>
            <source>Guessed from the headers</source>
            <translation>根据表头推断</translation>
        </message>
        <message>
            <source>%1 · %2 rows · %3. Change any column below.</source>
            <translation>%1 · %2 行 · %3。可在下方修改任一列。</translation>
        </message>
        <message>
            <source>Fix these rows in the file and try again: a file with errors is not imported at all.</source>
            <translation>请在文件中改正这些行后重试：有错误的文件不会导入任何数据。</translation>
        </message>
        <message>
            <source>Everything in this file is already here: nothing to import.</source>
            <translation>文件中的内容已全部存在，无需导入。</translation>
        </message>
        <message>
            <source>Save the problems</source>
            <translation>保存问题列表</translation>
        </message>
        <message>
            <source>CSV for Excel (*.csv)</source>
            <translation>Excel 用 CSV (*.csv)</translation>
        </message>
        <message>
            <source>Excel workbook (*.xlsx)</source>
            <translation>Excel 工作簿 (*.xlsx)</translation>
        </message>
        <message>
            <source>Wrote %1</source>
            <translation>已写入 %1</translation>
        </message>
        <message>
            <source>%1 vehicles, %2 purchases and visits</source>
            <translation>%1 辆车，%2 条购车和到店记录</translation>
        </message>
        <message>
            <source>Importing…</source>
            <translation>正在导入…</translation>
        </message>
        <message>
            <source>Checking rows…</source>
            <translation>正在检查数据行…</translation>
        </message>
        <message>
            <source>Matching with the customers already here…</source>
            <translation>正在与现有客户比对…</translation>
        </message>
        <message>
            <source>Writing…</source>
            <translation>正在写入…</translation>
        </message>
        <message>
            <source>Planning follow-ups and scoring…</source>
            <translation>正在安排回访并评分…</translation>
        </message>
        <message>
            <source>Done in %1 s.</source>
            <translation>用时 %1 秒。</translation>
        </message>
        <message>
            <source>Imported %1</source>
            <translation>已导入 %1</translation>
        </message>
        <message>
            <source>Cannot import this file</source>
            <translation>无法导入此文件</translation>
        </message>
        <message>
            <source>Undo this import</source>
            <translation>撤销本次导入</translation>
        </message>
        <message>
            <source>Remove every customer, vehicle and visit this import added?</source>
            <translation>删除本次导入添加的所有客户、车辆和到店记录？</translation>
        </message>
        <message>
            <source>The import was undone; nothing of it is left.</source>
            <translation>导入已撤销，没有留下任何数据。</translation>
        </message>
    </context>
    <context>
        <name>KeyAccountPanel</name>
        <message>
            <source>Add person…</source>
            <translation>添加联系人…</translation>
        </message>
        <message>
            <source>Edit…</source>
            <translation>编辑…</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>移除</translation>
        </message>
        <message>
            <source>YYYY-MM-DD</source>
            <translation>年-月-日</translation>
        </message>
        <message>
            <source>Notes on the purchase</source>
            <translation>采购备注</translation>
        </message>
        <message>
            <source>Stage</source>
            <translation>阶段</translation>
        </message>
        <message>
            <source>Expected</source>
            <translation>预计日期</translation>
        </message>
        <message>
            <source>Fleet size</source>
            <translation>采购数量</translation>
        </message>
        <message>
            <source>Save stage</source>
            <translation>保存阶段</translation>
        </message>
        <message>
            <source>Driver…</source>
            <translation>用车人…</translation>
        </message>
        <message>
            <source>Contact people and their roles</source>
            <translation>联系人及其角色</translation>
        </message>
        <message>
            <source>Next fleet purchase</source>
            <translation>下一次车队采购</translation>
        </message>
        <message>
            <source>The company's vehicles</source>
            <translation>企业车辆</translation>
        </message>
        <message>
            <source>Remove contact person</source>
            <translation>移除联系人</translation>
        </message>
        <message>
            <source>Remove %1? Calls already logged with them stay, addressed to the company.</source>
            <translation>移除%1？已记录的联系仍保留，归入该企业。</translation>
        </message>
        <message>
            <source>Expected date: %1</source>
            <translation>预计日期：%1</translation>
        </message>
        <message>
            <source>Saved</source>
            <translation>已保存</translation>
        </message>
    </context>
    <context>
        <name>Language</name>
        <message>
            <source>&amp;Follow the system</source>
            <translation>跟随系统(&amp;F)</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>语言</translation>
        </message>
        <message>
            <source>DealerDesk will use the new language the next time it starts.</source>
            <translation>DealerDesk 下次启动时将使用新的语言。</translation>
        </message>
    </context>
    <context>
        <name>LogContactDialog</name>
        <message>
            <source>Log a contact — %1</source>
            <translation>记录联系 — %1</translation>
        </message>
        <message>
            <source>Channel (press 1–5)</source>
            <translation>渠道（按 1–5）</translation>
        </message>
        <message>
            <source>Outcome (press the letter)</source>
            <translation>结果（按对应字母）</translation>
        </message>
        <message>
            <source>The customer contacted us (&amp;incoming)</source>
            <translation>客户主动联系我们（来电/来访）(&amp;I)</translation>
        </message>
        <message>
            <source>Optional: what was said, next step…</source>
            <translation>可选：沟通内容、下一步…</translation>
        </message>
        <message>
            <source>&amp;Purpose</source>
            <translation>目的(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Notes</source>
            <translation>备注(&amp;N)</translation>
        </message>
        <message>
            <source>With (&amp;at the company)</source>
            <translation>联系人（企业内）(&amp;A)</translation>
        </message>
        <message>
            <source>pick an outcome</source>
            <translation>请选择结果</translation>
        </message>
        <message>
            <source>Contact logged</source>
            <translation>联系已记录</translation>
        </message>
        <message>
            <source>Call back later</source>
            <translation>稍后回电</translation>
        </message>
        <message>
            <source>Declined</source>
            <translation>客户拒绝</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>电子邮件</translation>
        </message>
        <message>
            <source>Left a message</source>
            <translation>已留言</translation>
        </message>
        <message>
            <source>Marketing</source>
            <translation>营销</translation>
        </message>
        <message>
            <source>No answer</source>
            <translation>未接听</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Reached</source>
            <translation>已接通</translation>
        </message>
        <message>
            <source>SMS</source>
            <translation>短信</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>保养</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>到店</translation>
        </message>
        <message>
            <source>WeChat</source>
            <translation>微信</translation>
        </message>
        <message>
            <source>Wrong number</source>
            <translation>号码错误</translation>
        </message>
    </context>
    <context>
        <name>LostReasonDialog</name>
        <message>
            <source>Why did they leave? — %1</source>
            <translation>流失原因 — %1</translation>
        </message>
        <message>
            <source>In the customer's words</source>
            <translation>客户原话</translation>
        </message>
        <message>
            <source>&amp;Reason</source>
            <translation>原因(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Their words</source>
            <translation>客户原话(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;Left on</source>
            <translation>流失日期(&amp;L)</translation>
        </message>
        <message>
            <source>Reason recorded</source>
            <translation>原因已记录</translation>
        </message>
    </context>
    <context>
        <name>LoyaltyTrendLabel</name>
        <message>
            <source>Loyalty: no survey yet</source>
            <translation>忠诚度：尚未调查</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>DealerDesk — %1 — %2</source>
            <translation>DealerDesk — %1 — %2</translation>
        </message>
        <message>
            <source>Coming soon.</source>
            <translation>即将推出。</translation>
        </message>
        <message>
            <source>Ctrl+%1</source>
            <translation>Ctrl+%1</translation>
        </message>
        <message>
            <source>&amp;New customer…</source>
            <translation>新建客户(&amp;N)…</translation>
        </message>
        <message>
            <source>Add a customer (Ctrl+N)</source>
            <translation>新建客户 (Ctrl+N)</translation>
        </message>
        <message>
            <source>&amp;Find customer</source>
            <translation>查找客户(&amp;F)</translation>
        </message>
        <message>
            <source>Search customers by name, pinyin initials, phone, plate or VIN (Ctrl+F)</source>
            <translation>按姓名、拼音首字母、电话、车牌或车架号查找客户 (Ctrl+F)</translation>
        </message>
        <message>
            <source>&amp;Log contact…</source>
            <translation>记录联系(&amp;L)…</translation>
        </message>
        <message>
            <source>Log a call, message or visit for the current customer (Ctrl+L)</source>
            <translation>为当前客户记录一次电话、消息或到店 (Ctrl+L)</translation>
        </message>
        <message>
            <source>&amp;Back</source>
            <translation>返回(&amp;B)</translation>
        </message>
        <message>
            <source>&amp;Refresh</source>
            <translation>刷新(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;About DealerDesk</source>
            <translation>关于 DealerDesk(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>&amp;Customer</source>
            <translation>客户(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>查看(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Reports</source>
            <translation>报表(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
        <message>
            <source>Main toolbar</source>
            <translation>主工具栏</translation>
        </message>
        <message>
            <source>Working…</source>
            <translation>正在处理…</translation>
        </message>
        <message>
            <source>Signed in: %1</source>
            <translation>已登录：%1</translation>
        </message>
        <message>
            <source>Working as: %1</source>
            <translation>当前身份：%1</translation>
        </message>
        <message>
            <source>Select a customer first (Ctrl+F to find one)</source>
            <translation>请先选择客户（按 Ctrl+F 查找）</translation>
        </message>
        <message>
            <source>About DealerDesk</source>
            <translation>关于 DealerDesk</translation>
        </message>
        <message>
            <source>DealerDesk keeps a dealership's customers coming back.

Database: %1</source>
            <translation>DealerDesk 帮助经销店留住客户、让客户常回来。

数据库：%1</translation>
        </message>
        <message>
            <source>Calendar</source>
            <translation>日程</translation>
        </message>
        <message>
            <source>Campaigns</source>
            <translation>营销活动</translation>
        </message>
        <message>
            <source>Complaints</source>
            <translation>投诉</translation>
        </message>
        <message>
            <source>Customers</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Follow-up rules, holidays, staff and backups.</source>
            <translation>回访规则、节假日、员工和备份。</translation>
        </message>
        <message>
            <source>Reports</source>
            <translation>报表</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <source>Win-back</source>
            <translation>流失挽回</translation>
        </message>
        <message>
            <source>Duplicates</source>
            <translation>重复客户</translation>
        </message>
        <message>
            <source>Renewals</source>
            <translation>续保</translation>
        </message>
        <message>
            <source>Dashboard</source>
            <translation>经营看板</translation>
        </message>
        <message>
            <source>Cards &amp; fleets</source>
            <translation>会员与大客户</translation>
        </message>
        <message>
            <source>Referrals</source>
            <translation>转介绍</translation>
        </message>
    </context>
    <context>
        <name>MarkLostDialog</name>
        <message>
            <source>Mark as lost — %1</source>
            <translation>标记为流失 — %1</translation>
        </message>
        <message>
            <source>&amp;Reason</source>
            <translation>原因(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Since</source>
            <translation>流失日期(&amp;S)</translation>
        </message>
        <message>
            <source>Marked as lost</source>
            <translation>已标记为流失</translation>
        </message>
    </context>
    <context>
        <name>MembersModel</name>
        <message>
            <source>Accepted</source>
            <translation>已接受</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Invitation</source>
            <translation>邀约</translation>
        </message>
        <message>
            <source>Message</source>
            <translation>短信内容</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Reached</source>
            <translation>已接通</translation>
        </message>
        <message>
            <source>Visited</source>
            <translation>已到店</translation>
        </message>
        <message>
            <source>✓</source>
            <translation>✓</translation>
        </message>
    </context>
    <context>
        <name>NewCustomerDialog</name>
        <message>
            <source>New customer</source>
            <translation>新建客户</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>类型(&amp;K)</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>客户来源</translation>
        </message>
        <message>
            <source>&amp;Referred by</source>
            <translation>推荐人(&amp;R)</translation>
        </message>
        <message>
            <source>Customer created</source>
            <translation>客户已创建</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>姓名(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Phone</source>
            <translation>电话(&amp;P)</translation>
        </message>
        <message>
            <source>C&amp;ity</source>
            <translation>城市(&amp;I)</translation>
        </message>
        <message>
            <source>Company</source>
            <translation>公司</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>电子邮箱</translation>
        </message>
        <message>
            <source>Event</source>
            <translation>活动</translation>
        </message>
        <message>
            <source>Online</source>
            <translation>网络</translation>
        </message>
        <message>
            <source>Other name</source>
            <translation>其他称呼</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>合作伙伴</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>个人</translation>
        </message>
        <message>
            <source>Referral</source>
            <translation>转介绍</translation>
        </message>
        <message>
            <source>Walk-in</source>
            <translation>自然到店</translation>
        </message>
        <message>
            <source>WeChat</source>
            <translation>微信</translation>
        </message>
        <message>
            <source>—</source>
            <translation>—</translation>
        </message>
    </context>
    <context>
        <name>OffersModel</name>
        <message>
            <source>Offer</source>
            <translation>推荐项目</translation>
        </message>
        <message>
            <source>Why</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Follow-up</source>
            <translation>回访</translation>
        </message>
        <message>
            <source>Planned</source>
            <translation>已安排</translation>
        </message>
        <message>
            <source>Done: %1</source>
            <translation>已完成：%1</translation>
        </message>
        <message>
            <source>Skipped</source>
            <translation>已跳过</translation>
        </message>
    </context>
    <context>
        <name>OutcomeDelaysTab</name>
        <message>
            <source>What each call outcome decides next, and after how many days.</source>
            <translation>每种回访结果决定下一步做什么，以及间隔多少天。</translation>
        </message>
        <message>
            <source>Outcome</source>
            <translation>结果</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>天数</translation>
        </message>
        <message>
            <source>What happens</source>
            <translation>下一步</translation>
        </message>
        <message>
            <source>Save delays</source>
            <translation>保存间隔</translation>
        </message>
        <message>
            <source>Outcome delays saved</source>
            <translation>回访结果间隔已保存</translation>
        </message>
    </context>
    <context>
        <name>OutcomeExtras</name>
        <message>
            <source>Next working day</source>
            <translation>下一个工作日</translation>
        </message>
        <message>
            <source>Which car?</source>
            <translation>哪一辆车？</translation>
        </message>
        <message>
            <source>&amp;Vehicle</source>
            <translation>车辆(&amp;V)</translation>
        </message>
        <message>
            <source>Call &amp;back on</source>
            <translation>回电日期(&amp;B)</translation>
        </message>
    </context>
    <context>
        <name>PartnerDialog</name>
        <message>
            <source>Edit partner — %1</source>
            <translation>编辑合作方 — %1</translation>
        </message>
        <message>
            <source>New partner</source>
            <translation>新增合作方</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>姓名(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>类型(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;Contact</source>
            <translation>联系(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Phone</source>
            <translation>电话(&amp;P)</translation>
        </message>
        <message>
            <source>&amp;Terms</source>
            <translation>合作条款(&amp;T)</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Partner saved</source>
            <translation>合作方已保存</translation>
        </message>
    </context>
    <context>
        <name>PartnersModel</name>
        <message>
            <source> (archived)</source>
            <translation>（已归档）</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>合作伙伴</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>联系</translation>
        </message>
        <message>
            <source>Sent us</source>
            <translation>对方介绍</translation>
        </message>
        <message>
            <source>We sent</source>
            <translation>我方介绍</translation>
        </message>
        <message>
            <source>Reported spend</source>
            <translation>报送消费</translation>
        </message>
    </context>
    <context>
        <name>PartnersView</name>
        <message>
            <source>Partner businesses</source>
            <translation>合作伙伴</translation>
        </message>
        <message>
            <source>Show archived</source>
            <translation>显示已归档</translation>
        </message>
        <message>
            <source>&amp;Add partner…</source>
            <translation>新增合作方(&amp;A)…</translation>
        </message>
        <message>
            <source>&amp;Edit…</source>
            <translation>编辑(&amp;E)…</translation>
        </message>
        <message>
            <source>Arch&amp;ive</source>
            <translation>归档(&amp;I)</translation>
        </message>
        <message>
            <source>Statement from</source>
            <translation>对账期间从</translation>
        </message>
        <message>
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <source>Statement &amp;PDF…</source>
            <translation>对账单 PDF(&amp;P)…</translation>
        </message>
        <message>
            <source>Add c&amp;ustomer…</source>
            <translation>添加客户(&amp;U)…</translation>
        </message>
        <message>
            <source>Reported &amp;spend…</source>
            <translation>录入报送消费(&amp;S)…</translation>
        </message>
        <message>
            <source>I&amp;mport spend file…</source>
            <translation>导入消费文件(&amp;M)…</translation>
        </message>
        <message>
            <source>Terms: %1</source>
            <translation>合作条款：%1</translation>
        </message>
        <message>
            <source>Sent us %1 (%2 spent here) · we sent %3 (%4 reported)</source>
            <translation>对方介绍%1位（在本店消费%2）· 我方介绍%3位（对方报送%4）</translation>
        </message>
        <message>
            <source>Rest&amp;ore</source>
            <translation>恢复(&amp;O)</translation>
        </message>
        <message>
            <source>Archive partner</source>
            <translation>归档合作方</translation>
        </message>
        <message>
            <source>Archive %1? It leaves the list; its customers and statements stay.</source>
            <translation>归档%1？它将从列表中移除，其客户和对账记录保留。</translation>
        </message>
        <message>
            <source>Saved</source>
            <translation>已保存</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF 文件 (*.pdf)</translation>
        </message>
        <message>
            <source>Spend files (*.csv *.xlsx *.xls)</source>
            <translation>消费文件 (*.csv *.xlsx *.xls)</translation>
        </message>
        <message>
            <source>Import the spend %1 reported</source>
            <translation>导入%1报送的消费</translation>
        </message>
        <message>
            <source>Spend imported</source>
            <translation>消费已导入</translation>
        </message>
        <message>
            <source>Nothing was imported</source>
            <translation>未导入任何数据</translation>
        </message>
        <message>
            <source>Statement</source>
            <translation>对账单</translation>
        </message>
        <message>
            <source>The period ends before it starts.</source>
            <translation>结束日期早于开始日期。</translation>
        </message>
        <message>
            <source>Save the partner statement</source>
            <translation>保存合作方对账单</translation>
        </message>
        <message>
            <source>Statement written: %1 (%2 pages)</source>
            <translation>对账单已生成：%1（%2页）</translation>
        </message>
        <message>
            <source>Statement written</source>
            <translation>对账单已生成</translation>
        </message>
        <message>
            <source>The statement was saved to %1, but no PDF viewer could open it.</source>
            <translation>对账单已保存到%1，但没有可打开它的PDF阅读器。</translation>
        </message>
        <message>
            <source>The statement was not written</source>
            <translation>对账单未生成</translation>
        </message>
    </context>
    <context>
        <name>PauseDialog</name>
        <message>
            <source>Do not contact</source>
            <translation>勿扰设置</translation>
        </message>
        <message>
            <source>Why (required), e.g. the customer asked</source>
            <translation>原因（必填），例如：客户要求</translation>
        </message>
        <message>
            <source>Until</source>
            <translation>截止</translation>
        </message>
        <message>
            <source>&amp;Vehicle</source>
            <translation>车辆(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Contact type</source>
            <translation>联系类型(&amp;C)</translation>
        </message>
        <message>
            <source>&amp;Reason</source>
            <translation>原因(&amp;R)</translation>
        </message>
        <message>
            <source>Pause</source>
            <translation>暂停</translation>
        </message>
        <message>
            <source>Contact paused</source>
            <translation>已暂停联系</translation>
        </message>
    </context>
    <context>
        <name>PeopleModel</name>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>电子邮箱</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
    </context>
    <context>
        <name>PersonBox</name>
        <message>
            <source>The company (no one in particular)</source>
            <translation>企业（不指定联系人）</translation>
        </message>
    </context>
    <context>
        <name>PersonDialog</name>
        <message>
            <source>Edit contact person — %1</source>
            <translation>编辑联系人 — %1</translation>
        </message>
        <message>
            <source>Add a contact person — %1</source>
            <translation>添加联系人 — %1</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>姓名(&amp;N)</translation>
        </message>
        <message>
            <source>&amp;Role</source>
            <translation>角色(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Phone</source>
            <translation>电话(&amp;P)</translation>
        </message>
        <message>
            <source>E-&amp;mail</source>
            <translation>电子邮箱(&amp;M)</translation>
        </message>
        <message>
            <source>N&amp;otes</source>
            <translation>备注(&amp;O)</translation>
        </message>
        <message>
            <source>Contact person saved</source>
            <translation>联系人已保存</translation>
        </message>
    </context>
    <context>
        <name>ProfileForm</name>
        <message>
            <source>YYYY-MM-DD</source>
            <translation>年-月-日</translation>
        </message>
        <message>
            <source>mobile, e.g. 139 1234 5678</source>
            <translation>手机号，例如 139 1234 5678</translation>
        </message>
        <message>
            <source>Lunar calendar birthday</source>
            <translation>农历生日</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>类型(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;Name</source>
            <translation>姓名(&amp;N)</translation>
        </message>
        <message>
            <source>Other name</source>
            <translation>其他称呼</translation>
        </message>
        <message>
            <source>&amp;Phone</source>
            <translation>电话(&amp;P)</translation>
        </message>
        <message>
            <source>Phone &amp;2</source>
            <translation>电话2(&amp;2)</translation>
        </message>
        <message>
            <source>WeChat</source>
            <translation>微信</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>电子邮箱</translation>
        </message>
        <message>
            <source>Birthda&amp;y</source>
            <translation>生日(&amp;Y)</translation>
        </message>
        <message>
            <source>&amp;Address</source>
            <translation>地址(&amp;A)</translation>
        </message>
        <message>
            <source>C&amp;ity</source>
            <translation>城市(&amp;I)</translation>
        </message>
        <message>
            <source>Source</source>
            <translation>客户来源</translation>
        </message>
        <message>
            <source>Assi&amp;gned to</source>
            <translation>负责人(&amp;G)</translation>
        </message>
        <message>
            <source>Prefers</source>
            <translation>首选联系方式</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Lost because</source>
            <translation>流失原因</translation>
        </message>
        <message>
            <source>Notes</source>
            <translation>备注</translation>
        </message>
        <message>
            <source>Nobody</source>
            <translation>无人</translation>
        </message>
        <message>
            <source>Active</source>
            <translation>正常</translation>
        </message>
        <message>
            <source>Company</source>
            <translation>公司</translation>
        </message>
        <message>
            <source>Deceased</source>
            <translation>已故</translation>
        </message>
        <message>
            <source>Email</source>
            <translation>电子邮件</translation>
        </message>
        <message>
            <source>Event</source>
            <translation>活动</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>已流失</translation>
        </message>
        <message>
            <source>Moved away</source>
            <translation>已搬走</translation>
        </message>
        <message>
            <source>Online</source>
            <translation>网络</translation>
        </message>
        <message>
            <source>Partner</source>
            <translation>合作伙伴</translation>
        </message>
        <message>
            <source>Person</source>
            <translation>个人</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Referral</source>
            <translation>转介绍</translation>
        </message>
        <message>
            <source>SMS</source>
            <translation>短信</translation>
        </message>
        <message>
            <source>Visit</source>
            <translation>到店</translation>
        </message>
        <message>
            <source>Walk-in</source>
            <translation>自然到店</translation>
        </message>
        <message>
            <source>—</source>
            <translation>—</translation>
        </message>
    </context>
    <context>
        <name>ReasonsModel</name>
        <message>
            <source>Customers</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Share</source>
            <translation>占比</translation>
        </message>
        <message>
            <source>No reason recorded</source>
            <translation>未记录原因</translation>
        </message>
    </context>
    <context>
        <name>ReferralsModel</name>
        <message>
            <source>Not a customer yet</source>
            <translation>尚未成为客户</translation>
        </message>
        <message>
            <source>Referred on</source>
            <translation>推荐日期</translation>
        </message>
        <message>
            <source>Referred by</source>
            <translation>推荐人</translation>
        </message>
        <message>
            <source>Friend</source>
            <translation>被推荐人</translation>
        </message>
        <message>
            <source>Status</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Came on</source>
            <translation>到店日期</translation>
        </message>
        <message>
            <source>Reward</source>
            <translation>奖励</translation>
        </message>
        <message>
            <source>Rewarded on</source>
            <translation>奖励日期</translation>
        </message>
    </context>
    <context>
        <name>ReferralsScreen</name>
        <message>
            <source>Customers' referra&amp;ls</source>
            <translation>客户转介绍(&amp;L)</translation>
        </message>
        <message>
            <source>Partner &amp;businesses</source>
            <translation>合作伙伴(&amp;B)</translation>
        </message>
    </context>
    <context>
        <name>ReferralsView</name>
        <message>
            <source>Referrals</source>
            <translation>转介绍</translation>
        </message>
        <message>
            <source>All statuses</source>
            <translation>全部状态</translation>
        </message>
        <message>
            <source>Re&amp;ward…</source>
            <translation>发放奖励(&amp;W)…</translation>
        </message>
        <message>
            <source>Mark l&amp;ost</source>
            <translation>标记为未成交(&amp;O)</translation>
        </message>
        <message>
            <source>Reo&amp;pen</source>
            <translation>重新打开(&amp;P)</translation>
        </message>
        <message>
            <source>Open referr&amp;er</source>
            <translation>打开推荐人(&amp;E)</translation>
        </message>
        <message>
            <source>Open frien&amp;d</source>
            <translation>打开被推荐人(&amp;D)</translation>
        </message>
        <message>
            <source>Top referrers</source>
            <translation>推荐达人</translation>
        </message>
        <message>
            <source>Friends brought; of them, who bought or came for service; rewards given.</source>
            <translation>推荐人数；其中已购车或到店保养的人数；已发放奖励数。</translation>
        </message>
        <message>
            <source>%1 referrals: %2</source>
            <translation>共%1条转介绍：%2</translation>
        </message>
        <message>
            <source>%1 referrals moved on from the friends' visits</source>
            <translation>%1条转介绍已根据被推荐人到店更新状态</translation>
        </message>
        <message>
            <source>Mark lost</source>
            <translation>标记为未成交</translation>
        </message>
        <message>
            <source>Mark the referral of %1 as lost? It can be reopened later.</source>
            <translation>将%1的转介绍标记为未成交？之后可以重新打开。</translation>
        </message>
        <message>
            <source>Referral updated</source>
            <translation>转介绍已更新</translation>
        </message>
    </context>
    <context>
        <name>RenewalsModel</name>
        <message>
            <source>Policy ends</source>
            <translation>保险到期</translation>
        </message>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Phone</source>
            <translation>电话</translation>
        </message>
        <message>
            <source>Vehicle</source>
            <translation>车辆</translation>
        </message>
        <message>
            <source>Policy</source>
            <translation>险种</translation>
        </message>
        <message>
            <source>Last insurer</source>
            <translation>去年承保公司</translation>
        </message>
        <message>
            <source>Insured with</source>
            <translation>投保地</translation>
        </message>
        <message>
            <source>Calls</source>
            <translation>回访</translation>
        </message>
        <message>
            <source>Us</source>
            <translation>本店</translation>
        </message>
        <message>
            <source>Elsewhere — services here</source>
            <translation>外面投保（在本店保养）</translation>
        </message>
        <message>
            <source>Elsewhere</source>
            <translation>外面投保</translation>
        </message>
        <message>
            <source>Planned</source>
            <translation>已安排</translation>
        </message>
    </context>
    <context>
        <name>RenewalsView</name>
        <message>
            <source>Insurance renewals (续保)</source>
            <translation>续保名单</translation>
        </message>
        <message>
            <source> days</source>
            <translation>天</translation>
        </message>
        <message>
            <source>Only cars serviced here but insured elsewhere</source>
            <translation>只看在本店保养、外面投保的车</translation>
        </message>
        <message>
            <source>Policies ending within</source>
            <translation>保险到期范围</translation>
        </message>
        <message>
            <source>Open customer</source>
            <translation>打开客户</translation>
        </message>
        <message>
            <source>%1 policies; %2 insured elsewhere last year</source>
            <translation>%1 份保单；其中 %2 份去年在外面投保</translation>
        </message>
    </context>
    <context>
        <name>ReportActions</name>
        <message>
            <source>Customers at &amp;risk (PDF)…</source>
            <translation>流失预警客户(&amp;R) (PDF)…</translation>
        </message>
        <message>
            <source>Rank the customers most likely to leave, with reasons, and print it</source>
            <translation>列出最可能流失的客户及原因，并打印</translation>
        </message>
        <message>
            <source>&amp;Mask phone numbers in reports</source>
            <translation>报表中隐藏电话号码(&amp;M)</translation>
        </message>
        <message>
            <source>Save the at-risk report</source>
            <translation>保存流失预警报表</translation>
        </message>
        <message>
            <source>PDF files (*.pdf)</source>
            <translation>PDF 文件 (*.pdf)</translation>
        </message>
        <message>
            <source>Writing %1…</source>
            <translation>正在生成 %1…</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Customers at risk</source>
            <translation>流失预警客户</translation>
        </message>
        <message>
            <source>Report written: %1 (%2 pages)</source>
            <translation>报表已生成：%1（共 %2 页）</translation>
        </message>
        <message>
            <source>Report written</source>
            <translation>报表已生成</translation>
        </message>
        <message>
            <source>The report was saved to %1, but no PDF viewer could open it.</source>
            <translation>报表已保存到 %1，但没有可以打开它的 PDF 阅读器。</translation>
        </message>
        <message>
            <source>Report cancelled</source>
            <translation>报表已取消</translation>
        </message>
        <message>
            <source>The report was not written</source>
            <translation>报表未生成</translation>
        </message>
    </context>
    <context>
        <name>ReportsPage</name>
        <message>
            <source>&lt;h2&gt;Reports&lt;/h2&gt;</source>
            <translation>&lt;h2&gt;报表&lt;/h2&gt;</translation>
        </message>
        <message>
            <source>Customers at risk (PDF)…</source>
            <translation>流失预警客户 (PDF)…</translation>
        </message>
        <message>
            <source>The customers most likely to leave, ranked, with the reasons in words, the suggested action, the owner and contact details, summary figures and a chart.</source>
            <translation>最可能流失的客户排名，附文字原因、建议措施、负责人和联系方式，以及汇总数据和图表。</translation>
        </message>
    </context>
    <context>
        <name>RescheduleDialog</name>
        <message>
            <source>Reschedule — %1</source>
            <translation>改期 — %1</translation>
        </message>
        <message>
            <source>%1, due %2</source>
            <translation>%1，%2到期</translation>
        </message>
    </context>
    <context>
        <name>RewardDialog</name>
        <message>
            <source>Reward — %1 for bringing %2</source>
            <translation>奖励 — %1推荐了%2</translation>
        </message>
        <message>
            <source>e.g. a free service, a fuel card</source>
            <translation>例如：免费保养一次、加油卡</translation>
        </message>
        <message>
            <source>&amp;Reward</source>
            <translation>奖励(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Amount</source>
            <translation>金额(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Given on</source>
            <translation>发放日期(&amp;G)</translation>
        </message>
        <message>
            <source>Reward recorded</source>
            <translation>奖励已记录</translation>
        </message>
    </context>
    <context>
        <name>RuleHelp</name>
        <message>
            <source>days added to the campaign's own invitation date</source>
            <translation>在活动邀约日期基础上增加的天数</translation>
        </message>
        <message>
            <source>days after each purchase anniversary in the window</source>
            <translation>置换窗口内每个购车周年后的天数</translation>
        </message>
        <message>
            <source>days after the last contact</source>
            <translation>距上次联系天数</translation>
        </message>
        <message>
            <source>days after the last contact it counts as overdue</source>
            <translation>距上次联系超过此天数即为逾期</translation>
        </message>
        <message>
            <source>days after the last service</source>
            <translation>距上次保养天数</translation>
        </message>
        <message>
            <source>days after the sale</source>
            <translation>购车后天数</translation>
        </message>
        <message>
            <source>days after the sale (first reminder)</source>
            <translation>购车后天数（首次提醒）</translation>
        </message>
        <message>
            <source>days after the sale: reminders stop, the car is lapsed</source>
            <translation>购车后天数：此后停止提醒，视为首保流失</translation>
        </message>
        <message>
            <source>days after the visit</source>
            <translation>到店后天数</translation>
        </message>
        <message>
            <source>days between follow-ups until resolved</source>
            <translation>解决前每次回访间隔天数</translation>
        </message>
        <message>
            <source>days between reminders</source>
            <translation>两次提醒间隔天数</translation>
        </message>
        <message>
            <source>days between tries</source>
            <translation>每次挽回间隔天数</translation>
        </message>
        <message>
            <source>days from the anniversary</source>
            <translation>距购车周年天数</translation>
        </message>
        <message>
            <source>days from the birthday (−1: the day before)</source>
            <translation>距生日天数（−1：前一天）</translation>
        </message>
        <message>
            <source>days from the date</source>
            <translation>距纪念日天数</translation>
        </message>
        <message>
            <source>days from the holiday, then back to a working day</source>
            <translation>距节日天数，遇非工作日提前到工作日</translation>
        </message>
        <message>
            <source>days from the inspection date</source>
            <translation>距年检日期天数</translation>
        </message>
        <message>
            <source>days from the policy end (first call)</source>
            <translation>距保单到期天数（第一次提醒）</translation>
        </message>
        <message>
            <source>days from the policy end (last call)</source>
            <translation>距保单到期天数（最后一次提醒）</translation>
        </message>
        <message>
            <source>days from the policy end (second call)</source>
            <translation>距保单到期天数（第二次提醒）</translation>
        </message>
        <message>
            <source>days from the warranty end</source>
            <translation>距质保到期天数</translation>
        </message>
        <message>
            <source>km after the last service</source>
            <translation>距上次保养公里数</translation>
        </message>
        <message>
            <source>last vehicle age (years) that gets an invitation</source>
            <translation>发送邀约的最大车龄（年）</translation>
        </message>
        <message>
            <source>tries at most</source>
            <translation>最多挽回次数</translation>
        </message>
        <message>
            <source>working days after opening</source>
            <translation>投诉登记后的工作日数</translation>
        </message>
    </context>
    <context>
        <name>ScheduleFollowupDialog</name>
        <message>
            <source>+&amp;3 days</source>
            <translation>+3天(&amp;3)</translation>
        </message>
        <message>
            <source>+1 &amp;week</source>
            <translation>+1周(&amp;W)</translation>
        </message>
        <message>
            <source>+1 &amp;month</source>
            <translation>+1个月(&amp;M)</translation>
        </message>
        <message>
            <source>Schedule a follow-up — %1</source>
            <translation>安排回访 — %1</translation>
        </message>
        <message>
            <source>e.g. call about the winter tyre offer</source>
            <translation>例如：致电介绍冬季轮胎优惠</translation>
        </message>
        <message>
            <source>Me</source>
            <translation>我</translation>
        </message>
        <message>
            <source>R&amp;eason</source>
            <translation>原因(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;Day</source>
            <translation>日期(&amp;D)</translation>
        </message>
        <message>
            <source>&amp;Assign to</source>
            <translation>指派给(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;Call (at the company)</source>
            <translation>联系人（企业内）(&amp;C)</translation>
        </message>
        <message>
            <source>is in the past</source>
            <translation>已是过去的日期</translation>
        </message>
        <message>
            <source>Follow-up scheduled for %1</source>
            <translation>已安排 %1 的回访</translation>
        </message>
    </context>
    <context>
        <name>SettingsView</name>
        <message>
            <source>&amp;General</source>
            <translation>常规(&amp;G)</translation>
        </message>
        <message>
            <source>&amp;Staff and roles</source>
            <translation>员工和角色(&amp;S)</translation>
        </message>
        <message>
            <source>Follow-up ru&amp;les</source>
            <translation>回访规则(&amp;L)</translation>
        </message>
        <message>
            <source>Call outcomes</source>
            <translation>回访结果</translation>
        </message>
        <message>
            <source>&amp;Backups</source>
            <translation>备份(&amp;B)</translation>
        </message>
        <message>
            <source>&amp;Audit trail</source>
            <translation>操作记录(&amp;A)</translation>
        </message>
        <message>
            <source>Settings</source>
            <translation>设置</translation>
        </message>
        <message>
            <source>Public holidays and working days of this country (CN)</source>
            <translation>该国家的法定节假日和工作日（CN）</translation>
        </message>
        <message>
            <source>At most this many non-essential contacts in 30 days</source>
            <translation>30天内非必要联系的最多次数</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>保存</translation>
        </message>
        <message>
            <source>Dealership &amp;name</source>
            <translation>经销店名称(&amp;N)</translation>
        </message>
        <message>
            <source>Holidays and working days of (country)</source>
            <translation>节假日和工作日所属国家</translation>
        </message>
        <message>
            <source>Contacts per customer in 30 days (fatigue cap)</source>
            <translation>每位客户30天内联系次数（打扰上限）</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>User name</source>
            <translation>用户名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>Can sign in</source>
            <translation>可登录</translation>
        </message>
        <message>
            <source>The selected staff member</source>
            <translation>所选员工</translation>
        </message>
        <message>
            <source>Set role</source>
            <translation>设置角色</translation>
        </message>
        <message>
            <source>New password (8+ characters)</source>
            <translation>新密码（至少8位）</translation>
        </message>
        <message>
            <source>Set password</source>
            <translation>设置密码</translation>
        </message>
        <message>
            <source>Add a staff member who signs in</source>
            <translation>添加需要登录的员工</translation>
        </message>
        <message>
            <source>Password (8+ characters)</source>
            <translation>密码（至少8位）</translation>
        </message>
        <message>
            <source>Add</source>
            <translation>添加</translation>
        </message>
        <message>
            <source>On</source>
            <translation>启用</translation>
        </message>
        <message>
            <source>Follow-up</source>
            <translation>回访</translation>
        </message>
        <message>
            <source>Days</source>
            <translation>天数</translation>
        </message>
        <message>
            <source>Counted from</source>
            <translation>起算依据</translation>
        </message>
        <message>
            <source>Channel</source>
            <translation>渠道</translation>
        </message>
        <message>
            <source>Purpose</source>
            <translation>目的</translation>
        </message>
        <message>
            <source>Then</source>
            <translation>其后</translation>
        </message>
        <message>
            <source>Which is</source>
            <translation>含义</translation>
        </message>
        <message>
            <source>Save rules</source>
            <translation>保存规则</translation>
        </message>
        <message>
            <source>A backup is taken automatically when DealerDesk closes, at most once a day.</source>
            <translation>关闭 DealerDesk 时自动备份，每天最多一次。</translation>
        </message>
        <message>
            <source>Keep</source>
            <translation>保留</translation>
        </message>
        <message>
            <source>Back up &amp;now</source>
            <translation>立即备份(&amp;N)</translation>
        </message>
        <message>
            <source>Res&amp;tore the selected backup…</source>
            <translation>恢复所选备份(&amp;T)…</translation>
        </message>
        <message>
            <source>Keep the newest</source>
            <translation>保留最新</translation>
        </message>
        <message>
            <source>The newest 500 changes; managers only. Nothing here can be edited or deleted.</source>
            <translation>最近 500 条更改；仅经理可见。此处内容不可编辑或删除。</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>Who</source>
            <translation>操作人</translation>
        </message>
        <message>
            <source>What</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>Record</source>
            <translation>记录</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>yes</source>
            <translation>是</translation>
        </message>
        <message>
            <source>Sign-in is on: %1 people have passwords.</source>
            <translation>登录已启用：%1 人设置了密码。</translation>
        </message>
        <message>
            <source>Sign-in is off (one person). It turns on when a second staff member gets a password.</source>
            <translation>登录未启用（仅一人使用）。第二位员工设置密码后自动启用。</translation>
        </message>
        <message>
            <source>Settings saved</source>
            <translation>设置已保存</translation>
        </message>
        <message>
            <source>Staff member added</source>
            <translation>员工已添加</translation>
        </message>
        <message>
            <source>Role changed</source>
            <translation>角色已更改</translation>
        </message>
        <message>
            <source>Password set</source>
            <translation>密码已设置</translation>
        </message>
        <message>
            <source>Rules saved</source>
            <translation>规则已保存</translation>
        </message>
        <message>
            <source>Saved</source>
            <translation>已保存</translation>
        </message>
        <message>
            <source>Backed up</source>
            <translation>已备份</translation>
        </message>
        <message>
            <source>Restore a backup</source>
            <translation>恢复备份</translation>
        </message>
        <message>
            <source>Replace the database with the backup %1?
The current file is kept aside.</source>
            <translation>用备份 %1 替换当前数据库？
当前文件会另行保留。</translation>
        </message>
        <message>
            <source>Restored</source>
            <translation>已恢复</translation>
        </message>
        <message>
            <source>marketing</source>
            <translation>营销</translation>
        </message>
        <message>
            <source>service</source>
            <translation>售后</translation>
        </message>
    </context>
    <context>
        <name>SignInDialog</name>
        <message>
            <source>Sign in — %1</source>
            <translation>登录 — %1</translation>
        </message>
        <message>
            <source>&amp;User name</source>
            <translation>用户名(&amp;U)</translation>
        </message>
        <message>
            <source>&amp;Password</source>
            <translation>密码(&amp;P)</translation>
        </message>
        <message>
            <source>Sign in</source>
            <translation>登录</translation>
        </message>
        <message>
            <source>Several people use this desk: sign in to continue.</source>
            <translation>多人使用此前台：请登录后继续。</translation>
        </message>
    </context>
    <context>
        <name>SpendDialog</name>
        <message>
            <source>Reported spend — %1</source>
            <translation>报送消费 — %1</translation>
        </message>
        <message>
            <source>&amp;On</source>
            <translation>启用(&amp;O)</translation>
        </message>
        <message>
            <source>&amp;Amount</source>
            <translation>金额(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;What for</source>
            <translation>消费项目(&amp;W)</translation>
        </message>
        <message>
            <source>an amount is required</source>
            <translation>请填写金额</translation>
        </message>
        <message>
            <source>Spend recorded</source>
            <translation>消费已记录</translation>
        </message>
    </context>
    <context>
        <name>StaffPage</name>
        <message>
            <source>Staff accounts</source>
            <translation>员工账号</translation>
        </message>
        <message>
            <source>Who works at the desk? Add more later. The sign-in name is filled in from the name.</source>
            <translation>哪些人在前台工作？以后还可以添加。登录名会根据姓名自动填写。</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>姓名</translation>
        </message>
        <message>
            <source>Sign-in name</source>
            <translation>登录名</translation>
        </message>
        <message>
            <source>Role</source>
            <translation>角色</translation>
        </message>
        <message>
            <source>Manager</source>
            <translation>经理</translation>
        </message>
        <message>
            <source>Front desk</source>
            <translation>前台</translation>
        </message>
        <message>
            <source>Row %1: </source>
            <translation>第 %1 行：</translation>
        </message>
    </context>
    <context>
        <name>StartPage</name>
        <message>
            <source>How to start</source>
            <translation>如何开始</translation>
        </message>
        <message>
            <source>The database will be created at %1</source>
            <translation>数据库将创建在 %1</translation>
        </message>
        <message>
            <source>&amp;Import the customer file you have (Excel, CSV, contacts)</source>
            <translation>导入已有的客户文件（Excel、CSV、通讯录）(&amp;I)</translation>
        </message>
        <message>
            <source>Try the &amp;demo dealership (%1 made-up customers)</source>
            <translation>试用演示经销店（%1 位虚构客户）(&amp;D)</translation>
        </message>
        <message>
            <source>Start &amp;empty, for your own customers</source>
            <translation>从空白开始，录入自己的客户(&amp;E)</translation>
        </message>
    </context>
    <context>
        <name>SurveyDialog</name>
        <message>
            <source>Loyalty survey — %1</source>
            <translation>忠诚度调查 — %1</translation>
        </message>
        <message>
            <source>&amp;Kind</source>
            <translation>类型(&amp;K)</translation>
        </message>
        <message>
            <source>&amp;Date</source>
            <translation>日期(&amp;D)</translation>
        </message>
        <message>
            <source>C&amp;omment</source>
            <translation>评论(&amp;O)</translation>
        </message>
        <message>
            <source>Save  (Ctrl+Enter)</source>
            <translation>保存  (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Survey recorded</source>
            <translation>调查已记录</translation>
        </message>
    </context>
    <context>
        <name>TierNamesDialog</name>
        <message>
            <source>Tier names</source>
            <translation>等级名称</translation>
        </message>
        <message>
            <source>Leave a name empty to keep the standard one.</source>
            <translation>留空则使用标准名称。</translation>
        </message>
        <message>
            <source>Tier names saved</source>
            <translation>等级名称已保存</translation>
        </message>
    </context>
    <context>
        <name>TimelineModel</name>
        <message>
            <source>Amount</source>
            <translation>金额</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>联系</translation>
        </message>
        <message>
            <source>Details</source>
            <translation>详情</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Purchase</source>
            <translation>购车</translation>
        </message>
        <message>
            <source>Repair</source>
            <translation>维修</translation>
        </message>
        <message>
            <source>Service</source>
            <translation>保养</translation>
        </message>
        <message>
            <source>Staff</source>
            <translation>员工</translation>
        </message>
        <message>
            <source>What</source>
            <translation>内容</translation>
        </message>
        <message>
            <source>When</source>
            <translation>时间</translation>
        </message>
        <message>
            <source>low</source>
            <translation>低</translation>
        </message>
        <message>
            <source>medium</source>
            <translation>中</translation>
        </message>
        <message>
            <source>high</source>
            <translation>高</translation>
        </message>
        <message>
            <source>lost</source>
            <translation>已流失</translation>
        </message>
        <message>
            <source>Parts</source>
            <translation>配件</translation>
        </message>
        <message>
            <source>Accessory</source>
            <translation>精品附件</translation>
        </message>
        <message>
            <source>Insurance</source>
            <translation>保险</translation>
        </message>
        <message>
            <source>Complaint</source>
            <translation>投诉</translation>
        </message>
        <message>
            <source>Survey</source>
            <translation>调查</translation>
        </message>
    </context>
    <context>
        <name>TodayView</name>
        <message>
            <source>Today</source>
            <translation>今日</translation>
        </message>
        <message>
            <source>Everyone</source>
            <translation>所有人</translation>
        </message>
        <message>
            <source> calls a day</source>
            <translation> 个电话/天</translation>
        </message>
        <message>
            <source>How many calls this person makes in a day: Today cuts their list there</source>
            <translation>此人每天能打的电话数：今日清单按此截断</translation>
        </message>
        <message>
            <source>List of</source>
            <translation>清单：</translation>
        </message>
        <message>
            <source>Nothing due today. Well done.</source>
            <translation>今天没有待办，干得好！</translation>
        </message>
        <message>
            <source>Log contact…  (Enter)</source>
            <translation>记录联系…  (Enter)</translation>
        </message>
        <message>
            <source>Tomorrow</source>
            <translation>明天</translation>
        </message>
        <message>
            <source>Snooze the selected follow-up by one day</source>
            <translation>把选中的回访推迟一天</translation>
        </message>
        <message>
            <source>Open customer  (Ctrl+Enter)</source>
            <translation>打开客户  (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>Show what is past today's capacity, in the same order</source>
            <translation>按同样顺序显示超出今日处理量的回访</translation>
        </message>
        <message>
            <source>Old follow-ups from before the first plan: review them once</source>
            <translation>首次计划之前的旧回访：请集中处理一次</translation>
        </message>
        <message>
            <source>Follow-ups</source>
            <translation>回访</translation>
        </message>
        <message>
            <source>Customers at risk</source>
            <translation>流失预警客户</translation>
        </message>
        <message>
            <source>Enter or double-click opens the customer</source>
            <translation>按回车或双击打开客户</translation>
        </message>
        <message>
            <source>Today — %1</source>
            <translation>今日 — %1</translation>
        </message>
        <message>
            <source>Today's list: %1 (%2 overdue), %3 later</source>
            <translation>今日清单：%1（%2 逾期），稍后 %3</translation>
        </message>
        <message>
            <source>%1 tasks today (%2 follow-ups), best first</source>
            <translation>今日 %1 项任务（%2 个回访），按优先级排序</translation>
        </message>
        <message>
            <source>Hide later</source>
            <translation>隐藏稍后</translation>
        </message>
        <message>
            <source>Later (%1)…</source>
            <translation>稍后 (%1)…</translation>
        </message>
        <message>
            <source>Catch-up list (%1)…</source>
            <translation>补办清单 (%1)…</translation>
        </message>
    </context>
    <context>
        <name>TopReferrersModel</name>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Brought</source>
            <translation>推荐人数</translation>
        </message>
        <message>
            <source>Came</source>
            <translation>已到店</translation>
        </message>
        <message>
            <source>Rewarded</source>
            <translation>已奖励</translation>
        </message>
    </context>
    <context>
        <name>UptakeModel</name>
        <message>
            <source>Offer</source>
            <translation>推荐项目</translation>
        </message>
        <message>
            <source>Shown</source>
            <translation>已推荐</translation>
        </message>
        <message>
            <source>Follow-ups made</source>
            <translation>已转回访</translation>
        </message>
        <message>
            <source>Taken up</source>
            <translation>已接受</translation>
        </message>
        <message>
            <source>Taken up of shown</source>
            <translation>接受率</translation>
        </message>
    </context>
    <context>
        <name>VehiclePausesPanel</name>
        <message>
            <source>Do not contact…</source>
            <translation>勿扰设置…</translation>
        </message>
        <message>
            <source>Contact again</source>
            <translation>恢复联系</translation>
        </message>
        <message>
            <source>Contacted as the rules say</source>
            <translation>按规则联系</translation>
        </message>
        <message>
            <source>until cleared</source>
            <translation>直到取消</translation>
        </message>
        <message>
            <source>Contact this car again about this as the rules say?</source>
            <translation>按规则恢复该车的此类联系？</translation>
        </message>
        <message>
            <source>Vehicle</source>
            <translation>车辆</translation>
        </message>
        <message>
            <source>First service</source>
            <translation>首保</translation>
        </message>
        <message>
            <source>Contact type</source>
            <translation>联系类型</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Reason</source>
            <translation>原因</translation>
        </message>
        <message>
            <source>Until</source>
            <translation>截止</translation>
        </message>
    </context>
    <context>
        <name>VehiclesModel</name>
        <message>
            <source>Bought</source>
            <translation>购车日期</translation>
        </message>
        <message>
            <source>Inspection</source>
            <translation>年检</translation>
        </message>
        <message>
            <source>Insurance</source>
            <translation>保险</translation>
        </message>
        <message>
            <source>Mileage</source>
            <translation>里程</translation>
        </message>
        <message>
            <source>Plate</source>
            <translation>车牌</translation>
        </message>
        <message>
            <source>Price</source>
            <translation>价格</translation>
        </message>
        <message>
            <source>VIN</source>
            <translation>车架号</translation>
        </message>
        <message>
            <source>Vehicle</source>
            <translation>车辆</translation>
        </message>
        <message>
            <source>Warranty</source>
            <translation>质保</translation>
        </message>
    </context>
    <context>
        <name>WinbackModel</name>
        <message>
            <source>Customer</source>
            <translation>客户</translation>
        </message>
        <message>
            <source>Next call</source>
            <translation>下次致电</translation>
        </message>
        <message>
            <source>Owner</source>
            <translation>负责人</translation>
        </message>
        <message>
            <source>Since</source>
            <translation>流失日期</translation>
        </message>
        <message>
            <source>State</source>
            <translation>状态</translation>
        </message>
        <message>
            <source>Tries</source>
            <translation>尝试次数</translation>
        </message>
        <message>
            <source>Why they left</source>
            <translation>流失原因</translation>
        </message>
        <message>
            <source>Lapsed</source>
            <translation>久未到店</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>已流失</translation>
        </message>
    </context>
    <context>
        <name>WinbackView</name>
        <message>
            <source>Win-back</source>
            <translation>流失挽回</translation>
        </message>
        <message>
            <source>Why they left…</source>
            <translation>流失原因…</translation>
        </message>
        <message>
            <source>Won back…</source>
            <translation>已挽回…</translation>
        </message>
        <message>
            <source>Open customer</source>
            <translation>打开客户</translation>
        </message>
        <message>
            <source>Why customers leave, and NPS</source>
            <translation>客户流失原因及净推荐值</translation>
        </message>
        <message>
            <source>From</source>
            <translation>从</translation>
        </message>
        <message>
            <source>to</source>
            <translation>至</translation>
        </message>
        <message>
            <source>The period ends before it starts.</source>
            <translation>结束日期早于开始日期。</translation>
        </message>
        <message>
            <source>%1 lost, %2 lapsed; %3 on their last try</source>
            <translation>已流失 %1，久未到店 %2；%3 位为最后一次挽回</translation>
        </message>
        <message>
            <source>NPS in this period: no answers</source>
            <translation>本期净推荐值：暂无答卷</translation>
        </message>
        <message>
            <source>NPS in this period: &lt;b&gt;%1&lt;/b&gt; (%2 answers: %3 promoters, %4 detractors)</source>
            <translation>本期净推荐值：&lt;b&gt;%1&lt;/b&gt;（%2 份答卷：推荐者 %3，贬损者 %4）</translation>
        </message>
        <message>
            <source>Lapsed</source>
            <translation>久未到店</translation>
        </message>
        <message>
            <source>Lost</source>
            <translation>已流失</translation>
        </message>
        <message>
            <source>Lost and lapsed</source>
            <translation>已流失和久未到店</translation>
        </message>
    </context>
    <context>
        <name>WonBackDialog</name>
        <message>
            <source>Won back — %1</source>
            <translation>已挽回 — %1</translation>
        </message>
        <message>
            <source>&amp;Back since</source>
            <translation>回归日期(&amp;B)</translation>
        </message>
        <message>
            <source>Welcome back: the customer is active again</source>
            <translation>欢迎回来：客户已重新活跃</translation>
        </message>
    </context>
    <context>
        <name>_Side</name>
        <message>
            <source>%1 vehicles, %2 visits</source>
            <translation>%1 辆车，%2 次到店</translation>
        </message>
    </context>
</TS>
