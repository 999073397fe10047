<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi">
<context>
    <name>About</name>
    <message>
        <location filename="../../desktop/gui/about.py" line="23"/>
        <source>About Hỗ trợ số</source>
        <translation>Giới thiệu Hỗ trợ số</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/about.py" line="24"/>
        <source>&lt;b&gt;Hỗ trợ số&lt;/b&gt; {version}&lt;br&gt;Records the help community digital-tech teams give residents, offline.&lt;br&gt;Data folder: {folder}</source>
        <translation>&lt;b&gt;Hỗ trợ số&lt;/b&gt; {version}&lt;br&gt;Ghi lại việc tổ công nghệ số cộng đồng hỗ trợ người dân, không cần mạng.&lt;br&gt;Thư mục dữ liệu: {folder}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/about.py" line="28"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="93"/>
        <source>Search name, CCCD, phone or dossier code (Ctrl+F)</source>
        <translation>Tìm theo tên, số CCCD, số điện thoại hoặc mã hồ sơ (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="94"/>
        <source>From</source>
        <translation>Từ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="95"/>
        <source>to</source>
        <translation>đến</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="96"/>
        <source>Clear filters</source>
        <translation>Bỏ lọc</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="99"/>
        <source>All neighbourhoods</source>
        <translation>Mọi khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="101"/>
        <source>All kinds of help</source>
        <translation>Mọi nội dung hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="103"/>
        <source>All results</source>
        <translation>Mọi kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="105"/>
        <source>Drafts and final</source>
        <translation>Nháp và hoàn tất</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="107"/>
        <source>Any sync state</source>
        <translation>Mọi trạng thái gửi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/filter_bar.py" line="135"/>
        <source>Write dates as dd/mm/yyyy, e.g. 01/05/2026.</source>
        <translation>Hãy viết ngày theo dạng ngày/tháng/năm, ví dụ 01/05/2026.</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="117"/>
        <source>Welcome to Hỗ trợ số</source>
        <translation>Chào mừng đến với Hỗ trợ số</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="119"/>
        <source>Before the first record, tell the app who you are and where you work. You can change this later in Settings.</source>
        <translation>Trước phiếu đầu tiên, hãy cho ứng dụng biết bạn là ai và làm việc ở khu phố nào. Bạn có thể đổi lại sau.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="121"/>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="122"/>
        <source>Your &amp;name</source>
        <translation>&amp;Họ tên của bạn</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="123"/>
        <source>&amp;Neighbourhood</source>
        <translation>&amp;Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="124"/>
        <source>Ward &amp;server (optional)</source>
        <translation>&amp;Máy chủ của phường (không bắt buộc)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="125"/>
        <source>Leave empty if the ward has not given you an address.</source>
        <translation>Để trống nếu phường chưa cho bạn địa chỉ máy chủ.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="126"/>
        <source>&amp;Start</source>
        <translation>&amp;Bắt đầu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="141"/>
        <source>Enter your full name: it is written on every record you make.</source>
        <translation>Hãy nhập họ tên của bạn: tên này được ghi trên mọi phiếu bạn lập.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="144"/>
        <source>Choose the neighbourhood you work in.</source>
        <translation>Hãy chọn khu phố bạn phụ trách.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/first_run.py" line="147"/>
        <source>Write the server address like https://hotroso.example.vn (or leave it empty).</source>
        <translation>Hãy viết địa chỉ máy chủ dạng https://hotroso.example.vn (hoặc để trống).</translation>
    </message>
</context>
<context>
    <name>FollowUpsDialog</name>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="120"/>
        <source>Follow-ups</source>
        <translation>Việc cần theo dõi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="123"/>
        <source>{count} residents to follow up, {overdue} overdue (today is {today}). Enter opens the record.</source>
        <translation>{count} người cần theo dõi, {overdue} đã quá hạn (hôm nay là {today}). Nhấn Enter để mở phiếu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="136"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>FollowUpsModel</name>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="40"/>
        <source>Due</source>
        <translation>Hẹn ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="41"/>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="42"/>
        <source>Phone</source>
        <translation>Điện thoại</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="43"/>
        <source>Help</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="44"/>
        <source>Neighbourhood</source>
        <translation>Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/follow_ups.py" line="88"/>
        <source>(overdue)</source>
        <translation>(quá hạn)</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="27"/>
        <source>created</source>
        <translation>tạo mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="28"/>
        <source>imported</source>
        <translation>nhập từ tệp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="29"/>
        <source>changed</source>
        <translation>sửa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="30"/>
        <source>deleted</source>
        <translation>xoá</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="31"/>
        <source>restored / undone</source>
        <translation>khôi phục / hoàn tác</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="40"/>
        <source>yes</source>
        <translation>có</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="42"/>
        <source>no</source>
        <translation>không</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="54"/>
        <source>Record history</source>
        <translation>Lịch sử phiếu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="59"/>
        <source>When</source>
        <translation>Lúc</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="59"/>
        <source>Who</source>
        <translation>Người sửa</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="59"/>
        <source>What</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="59"/>
        <source>Before</source>
        <translation>Trước</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="60"/>
        <source>After</source>
        <translation>Sau</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/history_dialog.py" line="75"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="44"/>
        <source>Import report</source>
        <translation>Kết quả nhập tệp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="46"/>
        <source>File: {name}</source>
        <translation>Tệp: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="47"/>
        <source>Rows read: {rows}. Stored: {stored}. Already in this laptop: {present}. Rejected: {rejected}.</source>
        <translation>Đã đọc {rows} dòng. Đã lưu: {stored}. Đã có trên máy: {present}. Bị từ chối: {rejected}.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="52"/>
        <source>The import was cancelled; the rows stored so far are kept.</source>
        <translation>Đã huỷ nhập tệp; các dòng đã lưu trước đó vẫn được giữ.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="54"/>
        <source>Columns not recognised (ignored): {columns}</source>
        <translation>Cột không nhận ra (bỏ qua): {columns}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="61"/>
        <source>Line</source>
        <translation>Dòng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="61"/>
        <source>Column</source>
        <translation>Cột</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="62"/>
        <source>What to fix</source>
        <translation>Cần sửa gì</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="72"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="229"/>
        <source>Hỗ trợ số — {name}</source>
        <translation>Hỗ trợ số — {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="231"/>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="232"/>
        <source>&amp;Record</source>
        <translation>&amp;Phiếu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="233"/>
        <source>&amp;Meeting</source>
        <translation>&amp;Buổi họp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="234"/>
        <source>&amp;View</source>
        <translation>&amp;Xem</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="235"/>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="236"/>
        <source>&amp;Language</source>
        <translation>&amp;Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="238"/>
        <source>&amp;New record</source>
        <translation>Phiếu &amp;mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="239"/>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="240"/>
        <source>Save &amp;&amp; &amp;next</source>
        <translation>Lưu &amp;&amp; nhập &amp;tiếp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="241"/>
        <source>Save as &amp;draft</source>
        <translation>Lưu &amp;nháp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="242"/>
        <source>&amp;Undo last save or delete</source>
        <translation>&amp;Hoàn tác lần lưu hoặc xoá gần nhất</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="243"/>
        <source>&amp;Delete record…</source>
        <translation>&amp;Xoá phiếu…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="244"/>
        <source>Record &amp;history…</source>
        <translation>&amp;Lịch sử phiếu…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="245"/>
        <source>&amp;Find</source>
        <translation>&amp;Tìm kiếm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="246"/>
        <source>Go to the &amp;list</source>
        <translation>Về &amp;danh sách</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="247"/>
        <source>&amp;Import from file…</source>
        <translation>&amp;Nhập từ tệp…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="248"/>
        <source>&amp;Export to file…</source>
        <translation>&amp;Xuất ra tệp…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="249"/>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="250"/>
        <source>&amp;Start a meeting…</source>
        <translation>&amp;Bắt đầu buổi họp…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="251"/>
        <source>&amp;End the meeting and show the summary</source>
        <translation>&amp;Kết thúc buổi họp và xem tổng kết</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="252"/>
        <source>&amp;Follow-ups…</source>
        <translation>Việc cần &amp;theo dõi…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="253"/>
        <source>S&amp;ync now</source>
        <translation>&amp;Gửi lên phường ngay</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="254"/>
        <source>&amp;About Hỗ trợ số</source>
        <translation>&amp;Giới thiệu Hỗ trợ số</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="258"/>
        <source>Sync now</source>
        <translation>Gửi lên phường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="259"/>
        <source>Send new and changed records to the ward (F5)</source>
        <translation>Gửi các phiếu mới và đã sửa lên phường (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="280"/>
        <source>What you were typing when the app closed has been put back. Save it or press New record to discard it.</source>
        <translation>Nội dung bạn đang nhập khi ứng dụng đóng đã được khôi phục. Hãy lưu, hoặc bấm Phiếu mới để bỏ.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="297"/>
        <source>Sorting the list…</source>
        <translation>Đang sắp xếp danh sách…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="316"/>
        <source>Helped today: {today} · this week: {week} · this month: {month}</source>
        <translation>Đã hỗ trợ hôm nay: {today} · tuần này: {week} · tháng này: {month}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="320"/>
        <source>{count} records in the list</source>
        <translation>{count} phiếu trong danh sách</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="364"/>
        <source>That record no longer exists.</source>
        <translation>Phiếu này không còn nữa.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="380"/>
        <source>Saved: {name}</source>
        <translation>Đã lưu: {name}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="381"/>
        <source>(no name)</source>
        <translation>(chưa có tên)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="414"/>
        <location filename="../../desktop/gui/main_window.py" line="463"/>
        <source>Choose a record in the list first.</source>
        <translation>Hãy chọn một phiếu trong danh sách trước.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="419"/>
        <source>Delete record</source>
        <translation>Xoá phiếu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="420"/>
        <source>Delete this record? It is kept as deleted, so the ward learns of it at the next sync, and you can undo with Ctrl+Z.</source>
        <translation>Xoá phiếu này? Phiếu được giữ lại với dấu “đã xoá” để phường biết ở lần gửi tới, và bạn có thể hoàn tác bằng Ctrl+Z.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="422"/>
        <source>Delete</source>
        <translation>Xoá</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="423"/>
        <source>Keep it</source>
        <translation>Giữ lại</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="437"/>
        <source>Deleted. Ctrl+Z brings it back.</source>
        <translation>Đã xoá. Nhấn Ctrl+Z để lấy lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="444"/>
        <source>Nothing to undo.</source>
        <translation>Không có gì để hoàn tác.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="456"/>
        <source>Undone.</source>
        <translation>Đã hoàn tác.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/main_window.py" line="565"/>
        <source>Sending to the ward is not set up on this laptop yet; records stay safe here until it is.</source>
        <translation>Máy này chưa được cài đặt để gửi lên phường; các phiếu vẫn được lưu an toàn trên máy.</translation>
    </message>
</context>
<context>
    <name>MeetingSummary</name>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="99"/>
        <source>Meeting summary</source>
        <translation>Tổng kết buổi họp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="100"/>
        <source>Place</source>
        <translation>Địa điểm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="101"/>
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="102"/>
        <source>Host</source>
        <translation>Người chủ trì</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="103"/>
        <source>Neighbourhood</source>
        <translation>Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="104"/>
        <source>{residents} residents helped ({records} records)</source>
        <translation>Đã hỗ trợ {residents} người ({records} phiếu)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="105"/>
        <source>Help given</source>
        <translation>Nội dung hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="106"/>
        <source>Left to follow up</source>
        <translation>Còn phải theo dõi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="107"/>
        <source>Resident</source>
        <translation>Người dân</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="108"/>
        <source>Help</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="109"/>
        <source>Due</source>
        <translation>Hẹn ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="110"/>
        <source>Nothing left to follow up.</source>
        <translation>Không còn việc phải theo dõi.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="111"/>
        <source>(no name)</source>
        <translation>(chưa có tên)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="146"/>
        <source>(not chosen yet)</source>
        <translation>(chưa chọn)</translation>
    </message>
</context>
<context>
    <name>MeetingSummaryDialog</name>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="156"/>
        <source>Meeting summary</source>
        <translation>Tổng kết buổi họp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="163"/>
        <source>&amp;Print…</source>
        <translation>&amp;In…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="165"/>
        <source>Save as P&amp;DF…</source>
        <translation>Lưu thành &amp;PDF…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="167"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="191"/>
        <source>Save the summary</source>
        <translation>Lưu bản tổng kết</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="379"/>
        <source>Date or year of birth</source>
        <translation>Ngày sinh hoặc năm sinh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="381"/>
        <source>dd/mm/yyyy, or only the year (yyyy)</source>
        <translation>ngày/tháng/năm, hoặc chỉ năm sinh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="382"/>
        <source>12 digits</source>
        <translation>12 chữ số</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="383"/>
        <source>9 digits (old card)</source>
        <translation>9 chữ số (thẻ cũ)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="384"/>
        <source>e.g. 0912 345 678</source>
        <translation>ví dụ 0912 345 678</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="386"/>
        <source>Type to search: code or name, accents optional</source>
        <translation>Gõ để tìm: mã hoặc tên thủ tục, có dấu hay không đều được</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="388"/>
        <source>When and where</source>
        <translation>Thời gian và nơi hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="389"/>
        <source>The resident</source>
        <translation>Người được hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="390"/>
        <source>Help given</source>
        <translation>Nội dung hỗ trợ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="391"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="392"/>
        <source>Consent</source>
        <translation>Sự đồng ý</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="393"/>
        <source>The resident agrees, after hearing the notice above</source>
        <translation>Người dân đồng ý, sau khi đã nghe thông báo trên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="395"/>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="396"/>
        <source>Save as final (Ctrl+S)</source>
        <translation>Lưu phiếu hoàn tất (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="397"/>
        <source>Save &amp;&amp; &amp;next</source>
        <translation>Lưu &amp;&amp; nhập &amp;tiếp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="399"/>
        <source>Save, then start the next resident with the same neighbourhood, help and meeting (Ctrl+Enter)</source>
        <translation>Lưu, rồi nhập người tiếp theo với cùng khu phố, nội dung hỗ trợ và buổi họp (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="401"/>
        <source>Save &amp;draft</source>
        <translation>Lưu &amp;nháp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="403"/>
        <source>Save what is there now, even if incomplete (Ctrl+Shift+S)</source>
        <translation>Lưu những gì đã nhập, kể cả khi chưa đủ (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="404"/>
        <source>&amp;New record</source>
        <translation>Phiếu &amp;mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="571"/>
        <source>New record</source>
        <translation>Phiếu mới</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="574"/>
        <source>Editing: {name} ({status})</source>
        <translation>Đang sửa: {name} ({status})</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="575"/>
        <source>no name</source>
        <translation>chưa có tên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="582"/>
        <source>Meeting in progress: {title}. New records belong to it.</source>
        <translation>Đang họp: {title}. Phiếu mới thuộc buổi họp này.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="800"/>
        <source>the same CCCD number</source>
        <translation>cùng số CCCD</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="801"/>
        <source>the same name and birth year</source>
        <translation>cùng họ tên và năm sinh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/record_form.py" line="803"/>
        <source>This laptop already has a record with {reason}: {name}, helped on {day}. &lt;a href=&quot;{id}&quot;&gt;Open that record&lt;/a&gt;</source>
        <translation>Máy này đã có phiếu với {reason}: {name}, hỗ trợ ngày {day}. &lt;a href=&quot;{id}&quot;&gt;Mở phiếu đó&lt;/a&gt;</translation>
    </message>
</context>
<context>
    <name>RecordsModel</name>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="45"/>
        <source>Date</source>
        <extracomment>(column key, English source of the header; translated in :func:`header_text`)</extracomment>
        <translation>Ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="46"/>
        <source>Name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="47"/>
        <source>Born</source>
        <translation>Năm sinh</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="48"/>
        <source>Neighbourhood</source>
        <translation>Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="49"/>
        <source>Help</source>
        <translation>Nội dung</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="50"/>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="51"/>
        <source>Record</source>
        <translation>Phiếu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="52"/>
        <source>Sync</source>
        <translation>Gửi lên phường</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="57"/>
        <source>Only on this laptop</source>
        <extracomment>Sync-state value -&gt; English source text (see :func:`sync_state_text`).</extracomment>
        <translation>Chỉ trên máy này</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="58"/>
        <source>Waiting to send</source>
        <translation>Chờ gửi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="59"/>
        <source>Sent</source>
        <translation>Đã gửi</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/records_model.py" line="60"/>
        <source>Needs attention</source>
        <translation>Cần xử lý</translation>
    </message>
</context>
<context>
    <name>StartMeetingDialog</name>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="43"/>
        <source>Start a meeting</source>
        <translation>Bắt đầu buổi họp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="62"/>
        <source>&amp;Place</source>
        <translation>&amp;Địa điểm</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="63"/>
        <source>&amp;Date</source>
        <translation>&amp;Ngày</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="64"/>
        <source>&amp;Host</source>
        <translation>&amp;Người chủ trì</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="65"/>
        <source>&amp;Neighbourhood</source>
        <translation>&amp;Khu phố</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="67"/>
        <source>Start</source>
        <translation>Bắt đầu</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="70"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="75"/>
        <source>Records you enter until you end the meeting belong to it.</source>
        <translation>Các phiếu bạn nhập cho đến khi kết thúc buổi họp đều thuộc buổi họp này.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/meeting.py" line="83"/>
        <source>Enter where the meeting is held.</source>
        <translation>Hãy nhập nơi họp.</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../desktop/gui/tasks.py" line="204"/>
        <source>Please wait</source>
        <extracomment>Progress updates are forwarded to the GUI at most this often, so a job reporting every row of a 100,000-row import does not flood the event loop.</extracomment>
        <translation>Vui lòng chờ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/tasks.py" line="210"/>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/tasks.py" line="212"/>
        <source>Cancelling…</source>
        <translation>Đang huỷ…</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <location filename="../../desktop/gui/errors.py" line="54"/>
        <source>The disk is full. Free some space (delete or move files), then try again. Nothing was lost: what you entered is still in the form.</source>
        <translation>Ổ đĩa đã đầy. Hãy giải phóng chỗ trống (xoá hoặc chuyển bớt tệp) rồi thử lại. Không mất gì: nội dung bạn nhập vẫn còn trên phiếu.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="58"/>
        <source>The data file is being used by another program (perhaps a second copy of this app). Close it and try again.</source>
        <translation>Tệp dữ liệu đang được chương trình khác dùng (có thể là một cửa sổ Hỗ trợ số thứ hai). Hãy đóng chương trình đó rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="62"/>
        <source>The data file cannot be read: it is damaged or it is not this app&apos;s file. Ask the ward&apos;s IT person for help before trying again.</source>
        <translation>Không đọc được tệp dữ liệu: tệp bị hỏng hoặc không phải tệp của ứng dụng này. Hãy nhờ cán bộ tin học của phường trước khi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="66"/>
        <source>This app is not allowed to read or write the file {path}. Choose another folder or ask for access.</source>
        <translation>Ứng dụng không có quyền đọc hoặc ghi tệp {path}. Hãy chọn thư mục khác hoặc xin cấp quyền.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="70"/>
        <source>The file {path} does not exist (any more). Choose it again.</source>
        <translation>Tệp {path} không tồn tại (nữa). Hãy chọn lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="74"/>
        <source>The file cannot be read as text. Save it as CSV UTF-8 or as XLSX and try again.</source>
        <translation>Không đọc được tệp dưới dạng văn bản. Hãy lưu thành CSV UTF-8 hoặc XLSX rồi thử lại.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="78"/>
        <source>That is a folder, not a file. Choose a file.</source>
        <translation>Đây là thư mục, không phải tệp. Hãy chọn một tệp.</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="93"/>
        <source>Hỗ trợ số</source>
        <translation>Hỗ trợ số</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="105"/>
        <source>Copy details</source>
        <translation>Sao chép chi tiết</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="108"/>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/errors.py" line="130"/>
        <source>Something went wrong inside the app. What you entered is kept. Please copy the details and send them to the ward&apos;s IT person.</source>
        <translation>Ứng dụng gặp lỗi. Nội dung bạn đã nhập vẫn được giữ. Hãy sao chép chi tiết và gửi cho cán bộ tin học của phường.</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="83"/>
        <source>Import records</source>
        <translation>Nhập phiếu từ tệp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="106"/>
        <source>Importing {name}…</source>
        <translation>Đang nhập {name}…</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="112"/>
        <source>Export records</source>
        <translation>Xuất phiếu ra tệp</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="124"/>
        <source>{count} records written to {path}</source>
        <translation>Đã ghi {count} phiếu vào {path}</translation>
    </message>
    <message>
        <location filename="../../desktop/gui/transfer.py" line="129"/>
        <source>Exporting to {name}…</source>
        <translation>Đang xuất ra {name}…</translation>
    </message>
</context>
</TS>
